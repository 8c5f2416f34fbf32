package dev.berth.identity;

import dev.berth.metadata.IamTag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * IAM tag rules: at most {@value IamLimits#TAGS} per request and per entity, keys 1..128 and values 0..256 of
 * letters, digits, spaces and {@code _.:/=+-@}, keys unique regardless of case, no {@code aws:} prefix. TagRole
 * replaces the value of a key that exists (in any case) and appends the others.
 */
final class Tags {
    private Tags() {}

    /** The tags of a create or tag request (null = none), checked. */
    static List<IamTag> validate(List<IamTag> tags) {
        if (tags == null) {
            return List.of();
        }
        Inputs.listSize("tags", tags.size(), IamLimits.TAGS);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            IamTag tag = Inputs.required("tags." + (i + 1) + ".member", tags.get(i));
            key("tags." + (i + 1) + ".member.key", tag.key());
            Inputs.text("tags." + (i + 1) + ".member.value", tag.value(), 0, 256, Inputs.TAG_VALUE);
            if (!keys.add(fold(tag.key()))) {
                throw new IamException(IamError.INVALID_INPUT,
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
        return List.copyOf(tags);
    }

    /** The tag keys of an untag request, checked. */
    static List<String> validateKeys(List<String> keys) {
        Inputs.required("tagKeys", keys);
        Inputs.listSize("tagKeys", keys.size(), IamLimits.TAGS);
        for (int i = 0; i < keys.size(); i++) {
            Inputs.text("tagKeys." + (i + 1) + ".member", keys.get(i), 1, 128, Inputs.TAG_KEY);
        }
        return List.copyOf(keys);
    }

    /** {@code existing} with {@code added} applied; LimitExceeded when the result would have too many. */
    static List<IamTag> merge(List<IamTag> existing, List<IamTag> added) {
        List<IamTag> result = new ArrayList<>(existing);
        for (IamTag tag : added) {
            int at = indexOf(result, tag.key());
            if (at >= 0) {
                result.set(at, tag);
            } else {
                result.add(tag);
            }
        }
        if (result.size() > IamLimits.TAGS) {
            throw new IamException(IamError.LIMIT_EXCEEDED,
                    "Cannot exceed quota for TagsPerRole: " + IamLimits.TAGS + ".");
        }
        return result;
    }

    /** {@code existing} without the given keys (in any case); keys that are not there are ignored. */
    static List<IamTag> remove(List<IamTag> existing, List<String> keys) {
        Set<String> gone = new HashSet<>();
        keys.forEach(k -> gone.add(fold(k)));
        return existing.stream().filter(t -> !gone.contains(fold(t.key()))).toList();
    }

    private static void key(String field, String key) {
        Inputs.text(field, key, 1, 128, Inputs.TAG_KEY);
        if (fold(key).startsWith("aws:")) {
            throw new IamException(IamError.INVALID_INPUT, "Tag keys starting with 'aws:' are reserved for AWS use.");
        }
    }

    private static int indexOf(List<IamTag> tags, String key) {
        for (int i = 0; i < tags.size(); i++) {
            if (fold(tags.get(i).key()).equals(fold(key))) {
                return i;
            }
        }
        return -1;
    }

    private static String fold(String key) {
        return key.toLowerCase(Locale.ROOT);
    }
}
