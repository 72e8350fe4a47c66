package com.epicorups.cli.local;

import com.epicorups.queue.MessageQueue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Passes every message on to the real queue and keeps its body, so the run can report what was enqueued. */
public final class RecordingQueue implements MessageQueue {
    private final MessageQueue delegate;
    private final List<String> sent = new CopyOnWriteArrayList<>();

    public RecordingQueue(MessageQueue delegate) {
        this.delegate = delegate;
    }

    @Override
    public String send(String body, Map<String, String> attributes) {
        String id = delegate.send(body, attributes);
        sent.add(body);
        return id;
    }

    @Override
    public void sendAll(List<String> bodies) {
        delegate.sendAll(bodies);
        sent.addAll(bodies);
    }

    /** Bodies sent so far, in order. */
    public List<String> sent() {
        return List.copyOf(sent);
    }
}
