package com.callintel.hub.ai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.springframework.stereotype.Component;

/**
 * The system prompt of an analysis, from the file {@code callintel.ai.prompt-file} (config/ai-analysis-prompt.md):
 * admins may change its wording on a running hub; the reply's schema is the hub's and stays fixed. Read again
 * when the file changes.
 */
@Component
class AnalysisPrompt {

    private final Path file;
    private String text;
    private FileTime readAt;

    AnalysisPrompt(AiProperties properties) {
        this.file = properties.promptFile();
    }

    synchronized String text() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (text == null || !modified.equals(readAt)) {
                String read = Files.readString(file).strip();
                if (read.isEmpty()) {
                    throw new IllegalStateException("the AI prompt file " + file + " is empty");
                }
                text = read;
                readAt = modified;
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the AI prompt file " + file.toAbsolutePath(), e);
        }
    }
}
