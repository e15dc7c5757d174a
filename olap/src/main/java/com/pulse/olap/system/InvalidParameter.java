package com.pulse.olap.system;

import java.util.List;

/** A request parameter outside its valid values; answered as 400 problem+json naming both. */
public class InvalidParameter extends RuntimeException {

    private final String parameter;
    private final List<String> validValues;

    public InvalidParameter(String parameter, String value, List<String> validValues) {
        super("'" + value + "' is not a valid " + parameter + "; valid values: " + String.join(", ", validValues));
        this.parameter = parameter;
        this.validValues = List.copyOf(validValues);
    }

    String parameter() {
        return parameter;
    }

    List<String> validValues() {
        return validValues;
    }
}
