// The session API (docs/api.md) from the browser.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export class SessionApi {
  constructor(baseUrl, token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** Creates or gets the booking's session: {id, bookingId, sessionToken, status, ...}. */
  createOrGet(bookingId) {
    return this.#call('POST', '/api/video/session', { bookingId });
  }

  end(sessionId) {
    return this.#call('POST', `/api/video/session/${encodeURIComponent(sessionId)}/end`);
  }

  async #call(method, path, body) {
    let response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers: {
          Authorization: `Bearer ${this.token}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch {
      throw new ApiError(0, 'UNREACHABLE', 'The video server cannot be reached.');
    }
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new ApiError(response.status, json.error?.code ?? 'HTTP_' + response.status,
        json.error?.message ?? response.statusText);
    }
    return json;
  }
}
