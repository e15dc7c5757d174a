package com.pulse.notifier.delivery.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URL;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import java.util.List;
import java.util.Map;

/**
 * Twilio's own HTTP client with two changes. Every request the SDK builds (path, query and form
 * parameters, headers, auth, body) is rebuilt on a configured base URL, so a local fake of Twilio receives
 * exactly what Twilio would. And the SDK's built-in retry of 5xx answers (three tries, 100 ms apart) is off:
 * retries belong to the delivery log, which backs off, counts attempts and records each one; a hidden
 * retry of a 500 that Twilio had in fact accepted would also send the message twice.
 */
class BaseUrlHttpClient extends NetworkHttpClient {

    private final String baseUrl;

    BaseUrlHttpClient(String baseUrl, int connections) {
        super(builder(connections));
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * The SDK's defaults (timeouts, socket options) with a pool as large as the dispatcher's workers, and
     * Apache HttpClient's own retries off: by default it repeats a 429 or 503 once by itself, which would
     * hide the first answer from the log and count two provider calls as one attempt.
     */
    private static HttpClientBuilder builder(int connections) {
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setDefaultSocketConfig(DEFAULT_SOCKET_CONFIG);
        pool.setDefaultMaxPerRoute(connections);
        pool.setMaxTotal(connections);
        return HttpClientBuilder.create().useSystemProperties().setConnectionManager(pool)
                .setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG).disableAutomaticRetries();
    }

    @Override
    public Response makeRequest(Request request) {
        return super.makeRequest(rebuilt(request));
    }

    @Override
    protected boolean shouldRetry(Response response, int[] retryCodes) {
        return false;
    }

    Request rebuilt(Request original) {
        URL url = original.constructURL();
        Request request = new Request(original.getMethod(), baseUrl + url.getPath());
        copy(original.getQueryParams(), request::addQueryParam);
        copy(original.getPostParams(), request::addPostParam);
        copy(original.getHeaderParams(), request::addHeaderParam);
        if (original.getAuthStrategy() != null) {
            request.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            request.setAuth(original.getUsername(), original.getPassword());
        }
        request.setContentType(original.getContentType());
        request.setBody(original.getBody());
        request.setFormParameters(original.getFormParameters());
        request.setUserAgentExtensions(original.getUserAgentExtensions());
        return request;
    }

    private static void copy(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
}
