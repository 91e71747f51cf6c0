package dev.mlops.pipeline.notification;

import java.util.Map;

/**
 * One message to the people who run the loop.
 *
 * @param subject short line (SNS e-mail subjects are at most 100 characters; longer ones are cut)
 * @param text    the body: what happened, why, and the links
 * @param kind    what the message is about ({@code APPROVAL_REQUESTED}, {@code PIPELINE_FAILED}, ...), an SNS
 *                message attribute so that subscribers can filter
 * @param links   named URLs in the body ({@code approval}, {@code execution}), also for the local console
 */
public record Notification(String subject, String text, String kind, String model, Map<String, String> links) {

    /** SNS refuses longer subjects. */
    public static final int MAX_SUBJECT = 100;

    public Notification {
        if (subject == null || subject.isBlank() || text == null || kind == null || model == null) {
            throw new IllegalArgumentException("a notification needs a subject, a text, a kind and a model");
        }
        subject = subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT - 3) + "..." : subject;
        links = Map.copyOf(links == null ? Map.of() : links);
    }
}
