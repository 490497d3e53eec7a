package com.tutorme.video.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One entry of RTCConfiguration.iceServers, exactly as a browser takes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IceServer(List<String> urls, String username, String credential) {

  public IceServer {
    urls = List.copyOf(urls);
  }

  public static IceServer stun(List<String> urls) {
    return new IceServer(urls, null, null);
  }
}
