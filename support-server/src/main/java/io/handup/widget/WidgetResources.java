package io.handup.widget;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets any page load the widget's files. Browsers fetch {@code <script type="module">} from another
 * origin only with CORS, so a CRM page could not even load the button without this. The files are
 * public and sent without credentials; who may actually talk to the floor is decided where it
 * matters, by the allowed origins on {@code /ws} and {@code /api/**}.
 */
@Configuration(proxyBeanMethods = false)
class WidgetResources implements WebMvcConfigurer {

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    registry
        .addMapping("/widget/**")
        .allowedOriginPatterns("*")
        .allowedMethods("GET", "HEAD")
        .allowCredentials(false)
        .maxAge(3600);
  }
}
