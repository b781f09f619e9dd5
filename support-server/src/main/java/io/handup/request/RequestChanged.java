package io.handup.request;

/**
 * Published on the node that made a transition, once, when it changed something (a retried step
 * that found the request already as asked publishes nothing). Other nodes learn of it from the
 * floor's event stream.
 *
 * @param transition the script's name: raise, claim, resolve, …
 */
public record RequestChanged(String transition, HelpRequest request) {}
