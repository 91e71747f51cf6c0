package dev.mlops.pipeline.notification;

/** Sends notifications; implementations: {@link SnsNotifier} in AWS, {@link FileNotifier} locally. */
public interface Notifier {

    /** Sends {@code notification}; failures are exceptions (a lost approval request must fail the task). */
    void send(Notification notification);
}
