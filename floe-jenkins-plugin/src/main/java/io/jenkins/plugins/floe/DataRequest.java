package io.jenkins.plugins.floe;

import io.floe.engine.view.RunNodeView;
import java.util.List;

/** A data node that waits for input, with the fields of its form, as the graph page's form shows it. */
public final class DataRequest {
    private final RunNodeView node;

    DataRequest(RunNodeView node) {
        this.node = node;
    }

    public String getNodeId() {
        return node.id();
    }

    public String getName() {
        return node.name().isBlank() ? node.id() : node.name();
    }

    public List<Field> getFields() {
        return node.fields() == null ? List.of() : node.fields().stream().map(Field::new).toList();
    }

    /** One field of the form; the input's name is {@code field.<id>}. */
    public static final class Field {
        private final RunNodeView.Field field;

        Field(RunNodeView.Field field) {
            this.field = field;
        }

        public String getId() {
            return field.id();
        }

        public String getInputName() {
            return "field." + field.id();
        }

        public String getPrompt() {
            return field.prompt() == null || field.prompt().isBlank() ? field.id() : field.prompt();
        }

        public String getValue() {
            return field.value() == null ? "" : field.value();
        }

        /** The input to draw: checkbox, password, textarea or text. */
        public String getInput() {
            String type = field.type() == null ? "" : field.type();
            return switch (type) {
                case "bool" -> "checkbox";
                case "password" -> "password";
                case "textarea" -> "textarea";
                default -> "text";
            };
        }

        public boolean isChecked() {
            return "true".equalsIgnoreCase(getValue());
        }
    }
}
