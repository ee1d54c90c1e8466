package io.floe.engine.config;

import java.util.List;
import java.util.Set;

/** The node types a host knows, so a config can be checked when it loads rather than when a run reaches a node. */
public interface TypeCatalog {
    Set<String> taskTypes();

    Set<String> triggerTypes();

    /** Type-specific problems of one node (e.g. an exec with neither cmd nor shell); empty when fine. */
    List<String> check(NodeConfig node);
}
