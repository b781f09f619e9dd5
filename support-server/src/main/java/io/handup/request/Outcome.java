package io.handup.request;

/** How a specialist closed a request. */
public enum Outcome {
  ANSWERED,
  ESCALATED,
  NO_ANSWER,
  CANT_FIND
}
