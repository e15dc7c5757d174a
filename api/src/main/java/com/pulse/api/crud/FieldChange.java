package com.pulse.api.crud;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** One history row: which field went from what to what (as text, null when absent). */
public record FieldChange(String field, String oldValue, String newValue) {

    /** Collects the fields that differ between a before (null values for a creation) and an after state. */
    public static final class Diff {

        private final List<FieldChange> changes = new ArrayList<>();
        private final boolean creation;

        private Diff(boolean creation) {
            this.creation = creation;
        }

        /** @param creation true when there is no before state: every present field is a change from null */
        public static Diff of(boolean creation) {
            return new Diff(creation);
        }

        public Diff field(String field, Object before, Object after) {
            String b = creation ? null : text(before);
            String a = text(after);
            if (!Objects.equals(b, a)) {
                changes.add(new FieldChange(field, b, a));
            }
            return this;
        }

        public List<FieldChange> changes() {
            return List.copyOf(changes);
        }

        private static String text(Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof Collection<?> c) {
                return c.stream().map(String::valueOf).collect(Collectors.joining(","));
            }
            return value.toString();
        }
    }
}
