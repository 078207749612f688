package io.dhcpsuite.web.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells {@link SlowRequestGuard} which request bodies are still arriving: the request's body stream
 * is counted, and the body is done when its Content-Length has been read or the stream ended.
 */
final class BodyFilter extends OncePerRequestFilter {
    private final Map<String, SlowRequestGuard.Body> bodies;

    BodyFilter(Map<String, SlowRequestGuard.Body> bodies) {
        this.bodies = bodies;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length == 0 || (length < 0 && request.getHeader("Transfer-Encoding") == null)) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getRemoteAddr() + ":" + request.getRemotePort();
        SlowRequestGuard.Body body = new SlowRequestGuard.Body();
        bodies.put(key, body);
        try {
            chain.doFilter(new Counted(request, body, length), response);
        } finally {
            bodies.remove(key, body);
        }
    }

    private static final class Counted extends HttpServletRequestWrapper {
        private final SlowRequestGuard.Body body;
        private final long length;
        private ServletInputStream stream;

        Counted(HttpServletRequest request, SlowRequestGuard.Body body, long length) {
            super(request);
            this.body = body;
            this.length = length;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    private int count(int n) {
                        if (n < 0) {
                            body.done = true;
                        } else {
                            read += n;
                            if (length >= 0 && read >= length) {
                                body.done = true;
                            }
                        }
                        return n;
                    }

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        count(b < 0 ? -1 : 1);
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return count(in.read(b, off, len));
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
                };
            }
            return stream;
        }
    }
}
