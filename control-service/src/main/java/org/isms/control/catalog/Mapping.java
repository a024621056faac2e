package org.isms.control.catalog;

/** Control {@code control} relates to {@code requirement} of {@code framework} as {@code relationship} says. */
public record Mapping(String framework, String control, String requirement, Relationship relationship) {
}
