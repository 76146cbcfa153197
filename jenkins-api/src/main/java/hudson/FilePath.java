package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.remoting.Callable;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Stub of Jenkins 2.479.3 {@code hudson.FilePath} (subset). For plugin tests the local case works
 * like the real class: with no channel, {@code act(Callable)} calls {@code callable.call()} in this
 * JVM and {@code act(FileCallable)} invokes the callable on {@code new File(remote)} (the real class
 * passes its {@code LocalChannel}; the stub passes {@code null}). With a channel,
 * {@code act(Callable)} delegates to {@code channel.call}, as the real class does.
 */
public final class FilePath implements SerializableOnlyOverRemoting {
    private static final long serialVersionUID = 1L;

    private transient VirtualChannel channel;

    private final String remote;

    public FilePath(@CheckForNull VirtualChannel channel, @NonNull String remote) {
        this.channel = channel;
        this.remote = remote;
    }

    public FilePath(@NonNull File localPath) {
        this.channel = null;
        this.remote = localPath.getPath();
    }

    public FilePath(@NonNull FilePath base, @NonNull String rel) {
        this.channel = base.channel;
        this.remote = new File(rel).isAbsolute() ? rel : new File(base.remote, rel).getPath();
    }

    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        if (channel != null) {
            throw new UnsupportedOperationException("remote FileCallable is not available in the stub");
        }
        return callable.invoke(new File(remote), null);
    }

    public <V, E extends Throwable> V act(Callable<V, E> callable) throws IOException, InterruptedException, E {
        if (channel != null) {
            return channel.call(callable);
        }
        return callable.call();
    }

    public String getRemote() {
        return remote;
    }

    public String getName() {
        String r = remote;
        if (r.endsWith("\\") || r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        int len = r.length() - 1;
        while (len >= 0) {
            char ch = r.charAt(len);
            if (ch == '\\' || ch == '/') {
                break;
            }
            len--;
        }
        return r.substring(len + 1);
    }

    @NonNull
    public FilePath child(String relOrAbsolute) {
        return new FilePath(this, relOrAbsolute);
    }

    @CheckForNull
    public FilePath getParent() {
        File parent = local().getParentFile();
        return parent == null ? null : new FilePath(channel, parent.getPath());
    }

    public VirtualChannel getChannel() {
        return channel;
    }

    public boolean isRemote() {
        return channel != null;
    }

    public void mkdirs() throws IOException, InterruptedException {
        File f = local();
        if (!f.mkdirs() && !f.isDirectory()) {
            throw new IOException("Failed to mkdirs: " + remote);
        }
    }

    public boolean exists() throws IOException, InterruptedException {
        return local().exists();
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        return local().isDirectory();
    }

    public boolean delete() throws IOException, InterruptedException {
        Files.deleteIfExists(local().toPath());
        return true;
    }

    public void deleteRecursive() throws IOException, InterruptedException {
        Path root = local().toPath();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    public InputStream read() throws IOException, InterruptedException {
        return Files.newInputStream(local().toPath());
    }

    public String readToString() throws IOException, InterruptedException {
        return Files.readString(local().toPath(), Charset.defaultCharset());
    }

    public OutputStream write() throws IOException, InterruptedException {
        File f = local().getAbsoluteFile();
        File parent = f.getParentFile();
        if (parent != null) {
            Files.createDirectories(parent.toPath());
        }
        return Files.newOutputStream(f.toPath());
    }

    public void write(final String content, final String encoding) throws IOException, InterruptedException {
        try (OutputStream out = write()) {
            out.write(content.getBytes(encoding == null ? Charset.defaultCharset() : Charset.forName(encoding)));
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FilePath)) {
            return false;
        }
        FilePath that = (FilePath) o;
        return remote.equals(that.remote) && java.util.Objects.equals(channel, that.channel);
    }

    @Override
    public int hashCode() {
        return 31 * (channel != null ? channel.hashCode() : 0) + remote.hashCode();
    }

    /** @deprecated as in the real class: use {@link #getRemote()}. */
    @Deprecated
    @Override
    public String toString() {
        return remote;
    }

    private File local() {
        if (channel != null) {
            throw new UnsupportedOperationException("remote file operations are not available in the stub");
        }
        return new File(remote);
    }
}
