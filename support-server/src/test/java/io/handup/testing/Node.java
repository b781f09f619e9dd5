package io.handup.testing;

import java.net.URI;

/** A running server node the clients can reach: in this JVM ({@link TestNode}) or a process. */
public interface Node {

  int port();

  default URI http(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  default URI ws() {
    return URI.create("ws://127.0.0.1:" + port() + "/ws");
  }
}
