package com.callintel.hub.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * This hub's claim on its embedded PostgreSQL data folder: an OS file lock next to the folder, held for the life
 * of the JVM. The kernel drops it when the JVM dies (even by {@code kill -9}), so a postmaster found running on a
 * folder whose lock is free was left behind; one whose lock is held belongs to a hub that is still alive.
 */
final class DataFolderLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private final boolean deleteOnClose;

    private DataFolderLock(Path file, FileChannel channel, FileLock lock, boolean deleteOnClose) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Takes the lock of {@code dataDir}, or refuses with the holder's pid when another live hub has it.
     * {@code deleteOnClose} (throw-away test folders) also removes the lock file when released.
     */
    static DataFolderLock acquire(Path dataDir, boolean deleteOnClose) throws IOException {
        Path file = lockFileOf(dataDir);
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
            channel.close();
            throw new IllegalStateException("The embedded PostgreSQL data folder " + dataDir.toAbsolutePath()
                    + " is in use by another running hub (pid " + (holder.isEmpty() ? "unknown" : holder)
                    + "). Stop that hub, or give this one its own callintel.db.embedded.data-dir.");
        }
        // the holder's pid, for the refusal message a second hub prints (the lock itself is what counts)
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid())
                .getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new DataFolderLock(file, channel, lock, deleteOnClose);
    }

    /** Beside the data folder, not in it: PostgreSQL owns what is inside. */
    static Path lockFileOf(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".hub-lock");
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
            if (deleteOnClose) {
                Files.deleteIfExists(file);
            }
        }
    }
}
