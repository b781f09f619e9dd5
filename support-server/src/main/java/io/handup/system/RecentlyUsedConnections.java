package io.handup.system;

import java.time.Duration;
import java.time.Instant;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.PooledObjectFactory;
import redis.clients.jedis.Connection;

/**
 * Checks a pooled connection with a PING before use only when it has sat unused for a while.
 *
 * <p>A pool that pings on every borrow survives a Redis restart, but it doubles the round trips of
 * every command, and the help request's path is a chain of them. A connection that answered a
 * moment ago is trusted instead, unless a connection broke since it was last used: when Redis dies,
 * the stream followers' blocking reads fail at once, so every idle connection is checked again
 * before its next command and the first steps after a restart do not fail on a dead one. Were a
 * trusted connection dead after all, the command fails like any command during an outage ({@code
 * unavailable}, the client retries) and the connection leaves the pool.
 */
final class RecentlyUsedConnections implements PooledObjectFactory<Connection> {

  private final PooledObjectFactory<Connection> factory;
  private final Duration trusted;
  private volatile Instant lastBroken = Instant.EPOCH;

  RecentlyUsedConnections(PooledObjectFactory<Connection> factory, Duration trusted) {
    this.factory = factory;
    this.trusted = trusted;
  }

  @Override
  public boolean validateObject(PooledObject<Connection> pooled) {
    Connection connection = pooled.getObject();
    if (!connection.isConnected() || connection.isBroken()) {
      return false;
    }
    Instant returned = pooled.getLastReturnInstant();
    if (returned.isAfter(lastBroken) && returned.plus(trusted).isAfter(Instant.now())) {
      return true;
    }
    return factory.validateObject(pooled);
  }

  @Override
  public PooledObject<Connection> makeObject() throws Exception {
    return factory.makeObject();
  }

  @Override
  public void destroyObject(PooledObject<Connection> pooled) throws Exception {
    if (pooled.getObject().isBroken()) {
      lastBroken = Instant.now();
    }
    factory.destroyObject(pooled);
  }

  @Override
  public void activateObject(PooledObject<Connection> pooled) throws Exception {
    factory.activateObject(pooled);
  }

  @Override
  public void passivateObject(PooledObject<Connection> pooled) throws Exception {
    factory.passivateObject(pooled);
  }
}
