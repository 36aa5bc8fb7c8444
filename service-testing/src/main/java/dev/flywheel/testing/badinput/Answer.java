package dev.flywheel.testing.badinput;

import java.net.http.HttpHeaders;

/** What the service answered to one bad-input request. */
public record Answer(int status, HttpHeaders headers, String body) {

    @Override
    public String toString() {
        String shown = body.length() <= 400 ? body : body.substring(0, 400) + " ...";
        return status + " " + shown;
    }
}
