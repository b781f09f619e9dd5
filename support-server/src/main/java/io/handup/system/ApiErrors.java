package io.handup.system;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/** Every HTTP error as {@code {"code", "message"}} with the matching status, never a trace. */
@RestControllerAdvice
class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(Refused.class)
  ResponseEntity<Map<String, String>> refused(Refused e) {
    return body(e.code(), e.getMessage());
  }

  @ExceptionHandler({
    HttpMessageNotReadableException.class,
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class,
    MethodArgumentNotValidException.class
  })
  ResponseEntity<Map<String, String>> badRequest(Exception e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodyLimits.TooLarge tooLarge) {
        return body(ErrorCode.TOO_LARGE, tooLarge.getMessage());
      }
    }
    return body(ErrorCode.BAD_REQUEST, "The request is not valid: " + firstLine(e.getMessage()));
  }

  // a Cluster gives up on a shard it cannot reach with "no more cluster attempts left"
  @ExceptionHandler({JedisConnectionException.class, JedisClusterOperationException.class})
  ResponseEntity<Map<String, String>> unavailable(JedisException e) {
    log.warn("Redis unreachable: {}", e.getMessage());
    return body(ErrorCode.UNAVAILABLE, "Storage is unreachable for a moment; please retry.");
  }

  static ResponseEntity<Map<String, String>> body(ErrorCode code, String message) {
    return ResponseEntity.status(code.httpStatus())
        .body(Map.of("code", code.wire(), "message", message));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable body";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
