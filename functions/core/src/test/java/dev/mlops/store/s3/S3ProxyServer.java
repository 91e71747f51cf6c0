package dev.mlops.store.s3;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.InputStream;

import java.net.URI;

/**
 * A real S3 API server (s3proxy, in-memory blob store) on a free loopback port, for tests of code that talks
 * S3. Shared with other modules through core's test jar.
 *
 * <p>One deviation from stock s3proxy 4.1.0, to behave like S3: its {@code If-Match} check on PutObject runs
 * in the HTTP handler, before and apart from the write, so two compare-and-swap writers holding the same ETag
 * can both succeed (a lost update that S3 prevents). This server checks {@code If-Match} again inside the
 * blob store, with object writes serialised, which closes that window.
 * {@code If-None-Match: *} needs no help: s3proxy decides it with a hard link.
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start(); S3Client client = s3.newClient()) {
 *     s3.createBucket("artifacts");
 *     ...
 * }
 * }</pre>
 */
public final class S3ProxyServer implements AutoCloseable {

    /** Access key the server accepts. */
    public static final String ACCESS_KEY = "access";
    /** Secret key the server accepts. */
    public static final String SECRET_KEY = "secret";

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final URI endpoint;

    private S3ProxyServer(S3Proxy proxy, BlobStore blobStore, URI endpoint) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
    }

    /** Starts a server with an empty in-memory store on a free port of 127.0.0.1, signing with AWS v2 or v4. */
    public static S3ProxyServer start() {
        BlobStore blobStore = new SerialWrites(new TransientNio2BlobStore());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                // Port 0: Jetty binds a free port, read back below, so parallel test JVMs never collide.
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start on 127.0.0.1: " + e, e);
        }
        return new S3ProxyServer(proxy, blobStore, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    /** The server's base URL, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Creates {@code bucket} directly in the backing store. */
    public void createBucket(String bucket) {
        blobStore.createContainer(bucket);
    }

    /** A new path-style client for this server, region us-east-1, with the server's credentials; caller closes it. */
    public S3Client newClient() {
        return S3Client.builder()
                // The same HTTP client as S3ArtifactStore.fromEnvironment (see functions/core/pom.xml for why).
                .httpClientBuilder(Apache5HttpClient.builder())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .build();
    }

    /** Stops the server; its data is gone. */
    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy on " + endpoint + " did not stop: " + e, e);
        }
    }

    /** Object writes one at a time, each PutObject's If-Match checked under the same lock as its write. */
    private static final class SerialWrites extends ForwardingBlobStore {

        SerialWrites(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public synchronized PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
            if (request.ifMatch() != null) {
                HeadObjectResponse current = delegate().blobMetadataIfPresent(request.bucket(), request.key());
                if (current == null) {
                    throw S3Exceptions.noSuchKey(request.bucket(), request.key(), null);
                }
                if (!unquote(current.eTag()).equals(unquote(request.ifMatch()))) {
                    throw S3Exceptions.fromStatusCode(412);
                }
            }
            return super.putBlob(request, payload);
        }

        private static String unquote(String etag) {
            return etag.replace("\"", "");
        }
    }
}
