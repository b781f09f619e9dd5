/**
 * Serving the agent widget (the {@code agent-widget} jar's {@code /widget/} files) to pages on
 * other origins.
 */
package io.handup.widget;
