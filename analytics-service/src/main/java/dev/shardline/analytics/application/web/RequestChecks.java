package dev.shardline.analytics.application.web;

import dev.shardline.platform.error.Validation;
import java.util.List;
import java.util.Map;

/**
 * What the API model's check lets through and the application cannot take: {@code [null]} elements of a list, null
 * values of a map (crashes further on, not errors), and NUL characters in text that PostgreSQL stores as a column
 * (it cannot). Each is a ValidationException in the model check's wording.
 */
final class RequestChecks {

    private RequestChecks() {}

    static void noNullElements(Validation v, String member, List<?> list) {
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                v.required(member + "." + (i + 1) + ".member", list.get(i));
            }
        }
    }

    static void noNullValues(Validation v, String member, Map<String, ?> map) {
        if (map != null) {
            map.forEach((key, value) -> v.required(member + "." + key + ".value", value));
        }
    }

    static void noNul(Validation v, String member, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            v.fail(member, value.replace("\0", "\\0"), "Member must not contain NUL characters");
        }
    }

    /** Tags as TagResource and CreateApplication bring them. */
    static void tags(Validation v, String member, List<ApplicationShapes.Tag> tags) {
        noNullElements(v, member, tags);
        if (tags != null) {
            for (int i = 0; i < tags.size(); i++) {
                ApplicationShapes.Tag tag = tags.get(i);
                if (tag != null) {
                    noNul(v, member + "." + (i + 1) + ".member.key", tag.key());
                    noNul(v, member + "." + (i + 1) + ".member.value", tag.value());
                }
            }
        }
    }

    /** EnvironmentProperties' groups: no null group, no null property value. */
    static void propertyGroups(Validation v, String member, ApplicationShapes.EnvironmentProperties properties) {
        if (properties == null || properties.propertyGroups() == null) {
            return;
        }
        List<ApplicationShapes.PropertyGroup> groups = properties.propertyGroups();
        noNullElements(v, member + ".propertyGroups", groups);
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i) != null) {
                noNullValues(
                        v,
                        member + ".propertyGroups." + (i + 1) + ".member.propertyMap",
                        groups.get(i).propertyMap());
            }
        }
    }
}
