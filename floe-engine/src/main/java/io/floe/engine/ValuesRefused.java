package io.floe.engine;

/**
 * Values sent to a form that its fields do not allow: a name it does not declare, or a value its field's type does
 * not take. Nothing of the submission is used. The message names the fields, the form and what to send instead.
 */
public final class ValuesRefused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ValuesRefused(String message) {
        super(message);
    }
}
