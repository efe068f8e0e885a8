package dev.honostar.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Raw bytes over a real socket, for tests about the wire protocol itself. */
final class RawHttp implements AutoCloseable {

  private final Socket socket;

  RawHttp(int port) throws IOException {
    socket = new Socket("localhost", port);
    socket.setSoTimeout(10_000);
  }

  RawHttp send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawHttp send(byte[] bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
    return this;
  }

  /** The socket's output, for writes in pieces. */
  OutputStream out() throws IOException {
    return socket.getOutputStream();
  }

  /** The socket's input, for reads of an exact length. */
  InputStream in() throws IOException {
    return socket.getInputStream();
  }

  /**
   * Everything the server sends until it closes the connection, or until nothing more came for
   * {@code quietMillis} (then the connection is still open: {@link #closedByServer()} is false).
   */
  String readAll(int quietMillis) throws IOException {
    socket.setSoTimeout(quietMillis);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        all.write(buf, 0, n);
      }
      closed = true;
    } catch (SocketTimeoutException e) {
      // quiet: the server keeps the connection open
    } catch (IOException e) {
      closed = true;
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }

  private boolean closed;

  boolean closedByServer() {
    return closed;
  }

  /** Counts the HTTP responses in {@code text}. */
  static int responses(String text) {
    int n = 0;
    for (int i = text.indexOf("HTTP/1.1 "); i >= 0; i = text.indexOf("HTTP/1.1 ", i + 1)) {
      n++;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
