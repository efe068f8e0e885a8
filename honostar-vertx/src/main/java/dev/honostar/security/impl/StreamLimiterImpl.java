package dev.honostar.security.impl;

import dev.honostar.security.StreamLimiter;

import java.util.Objects;

/** Two {@link KeyCounts}: idle sessions and addresses cost no memory. */
public final class StreamLimiterImpl implements StreamLimiter {

  private final int maxPerSession;
  private final int maxPerAddress;
  private final KeyCounts sessions = new KeyCounts();
  private final KeyCounts addresses = new KeyCounts();

  public StreamLimiterImpl(int maxPerSession, int maxPerAddress) {
    this.maxPerSession = maxPerSession;
    this.maxPerAddress = maxPerAddress;
  }

  @Override
  public boolean tryAcquire(String session, String address) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(address, "address");
    if (!sessions.tryAcquire(session, maxPerSession)) {
      return false;
    }
    if (!addresses.tryAcquire(address, maxPerAddress)) {
      // Undo the session slot: the acquisition is all or nothing.
      sessions.release(session);
      return false;
    }
    return true;
  }

  @Override
  public void release(String session, String address) {
    sessions.release(session);
    addresses.release(address);
  }

  @Override
  public int openForSession(String session) {
    return sessions.count(session);
  }

  @Override
  public int openForAddress(String address) {
    return addresses.count(address);
  }
}
