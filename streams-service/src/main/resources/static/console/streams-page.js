// The stream page's throughput chart (uPlot): each time the live panel is refreshed (htmx), its summary's rates are
// added as a point, so the chart shows the last two minutes that this page saw.
(function () {
    const KEEP = 60;
    const times = [], ins = [], outs = [];
    let chart = null;

    function add() {
        const summary = document.getElementById('live-summary');
        const target = document.getElementById('rate-chart');
        if (!summary || !target || typeof uPlot === 'undefined') {
            return;
        }
        times.push(Date.now() / 1000);
        ins.push(parseFloat(summary.dataset.recordsIn) || 0);
        outs.push(parseFloat(summary.dataset.recordsOut) || 0);
        if (times.length > KEEP) {
            times.shift(); ins.shift(); outs.shift();
        }
        const data = [times, ins, outs];
        if (chart === null) {
            chart = new uPlot({
                width: Math.min(target.clientWidth || 800, 900),
                height: 180,
                series: [
                    {},
                    {label: 'records/s in', stroke: '#d1242f', width: 2},
                    {label: 'records/s out', stroke: '#0b5cad', width: 2}
                ],
                axes: [{}, {label: 'records/s'}]
            }, data, target);
        } else {
            chart.setData(data);
        }
    }

    document.addEventListener('DOMContentLoaded', add);
    document.addEventListener('htmx:afterSwap', function (event) {
        if (event.detail.target && event.detail.target.id === 'live') {
            add();
        }
    });
})();
