// A KVS WebRTC signaling client in plain browser JavaScript: the JSON messages of Kinesis Video Streams' signaling
// WebSocket (action/messagePayload/recipientClientId out; messageType/messagePayload/senderClientId in), over a URL
// presigned by Shardline's /v1/signaling-channels/{name}/connection. No SDK and no build step.
'use strict';

window.KvsSignaling = (function () {
  const encode = obj => btoa(JSON.stringify(obj));
  const decode = payload => JSON.parse(atob(payload));

  /** The channel's presigned connection (creating the channel first where `create` is set and it is missing). */
  async function connection(channel, role, clientId, create) {
    const base = '/v1/signaling-channels/' + encodeURIComponent(channel);
    if (create) {
      const found = await fetch(base);
      if (found.status === 404) {
        const made = await fetch('/v1/signaling-channels', {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: channel })
        });
        if (!made.ok && made.status !== 400) { throw new Error('cannot create the channel: ' + made.status); }
      }
    }
    const query = new URLSearchParams({ role: role });
    if (clientId) { query.set('clientId', clientId); }
    const response = await fetch(base + '/connection?' + query, { method: 'POST' });
    const body = await response.json();
    if (!response.ok) { throw new Error(body.detail || body.title || response.status); }
    return body;
  }

  /** Opens the signaling WebSocket; `handlers` get (payload object, senderClientId) per message type. */
  function open(url, handlers) {
    const socket = new WebSocket(url);
    socket.onmessage = event => {
      const message = JSON.parse(event.data);
      const handler = handlers[message.messageType];
      if (!handler) { return; }
      if (message.messageType === 'STATUS_RESPONSE') { handler(message.statusResponse); return; }
      handler(message.messagePayload ? decode(message.messagePayload) : null, message.senderClientId);
    };
    const send = (action, payload, recipientClientId) => {
      const message = { action: action, messagePayload: encode(payload) };
      if (recipientClientId) { message.recipientClientId = recipientClientId; }
      message.correlationId = action + '.' + Date.now() + '.' + Math.floor(Math.random() * 1e6);
      socket.send(JSON.stringify(message));
    };
    return {
      socket: socket,
      opened: new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; }),
      sendSdpOffer: (description, recipient) => send('SDP_OFFER', description, recipient),
      sendSdpAnswer: (description, recipient) => send('SDP_ANSWER', description, recipient),
      sendIceCandidate: (candidate, recipient) => send('ICE_CANDIDATE', candidate, recipient)
    };
  }

  return { connection: connection, open: open };
})();
