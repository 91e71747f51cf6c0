package dev.mlops.local.workflows;

/** Where the local {@code sns:publish} delivers. */
@FunctionalInterface
public interface Notifier {

    /** Delivers one message; an exception fails the publishing task. */
    void publish(Notification notification);
}
