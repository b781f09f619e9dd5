package io.handup.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps HTTP request bodies before anything reads them, so a 2 MB "note" is refused at the door with
 * {@code too_large} instead of being read whole and then refused. A body that announces its length
 * is judged up front; a chunked one is cut off where it passes the cap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodyLimits extends OncePerRequestFilter {

  /**
   * Under {@code handup.http.*}.
   *
   * @param maxBody any JSON body: requests, notes, answers, settings
   * @param maxImport a CSV import (the roster of a large site)
   */
  @ConfigurationProperties("handup.http")
  record Settings(
      @DefaultValue("64KB") DataSize maxBody, @DefaultValue("4MB") DataSize maxImport) {}

  /** Thrown by the reader of a chunked body that passed the cap; {@link ApiErrors} answers 413. */
  static final class TooLarge extends IOException {
    TooLarge(long limit) {
      super("The request body is over " + limit + " bytes");
    }
  }

  private final Settings settings;

  BodyLimits(Settings settings) {
    this.settings = settings;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType();
    long limit =
        (type != null && type.startsWith("text/csv") ? settings.maxImport() : settings.maxBody())
            .toBytes();
    long length = request.getContentLengthLong();
    if (length > limit) {
      response.setStatus(ErrorCode.TOO_LARGE.httpStatus());
      response.setContentType("application/json");
      response
          .getWriter()
          .write(
              "{\"code\":\"too_large\",\"message\":\"The request body is over "
                  + limit
                  + " bytes\"}");
      return;
    }
    chain.doFilter(length < 0 ? new Capped(request, limit) : request, response);
  }

  private static final class Capped extends HttpServletRequestWrapper {

    private final long limit;
    private ServletInputStream stream;

    Capped(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new CappedStream(super.getInputStream(), limit);
      }
      return stream;
    }
  }

  private static final class CappedStream extends ServletInputStream {

    private final ServletInputStream in;
    private final long limit;
    private long read;

    CappedStream(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws TooLarge {
      read += n;
      if (read > limit) {
        throw new TooLarge(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
