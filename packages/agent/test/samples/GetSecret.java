// AWS's Java client code for the AWS Parameters and Secrets Lambda Extension, as AWS documents it in the Lambda
// Developer Guide page "Use Secrets Manager secrets in Lambda functions" (with-secrets-manager), Java tab: a
// java.net.http.HttpClient GET to localhost:2773 with the token header, and the SecretString cut out of the body.
// The request code of its handler is unmodified but for the secret name (the test copies this file with the port
// it gave the agent in place of 2773). The Lambda handler interface is left out (aws-lambda-java-core is not on
// this machine), and main runs that code in 50 threads at once, as 50 concurrent invocations would, in one JVM.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

public class GetSecret {
    private final HttpClient client = HttpClient.newHttpClient();

    public String handleRequest() {
        try {
            // Replace with the name or ARN of your secret
            String secretName = "sample/java";
            String endpoint = "http://localhost:2773/secretsmanager/get?secretId=" + secretName;

            HttpRequest request = HttpRequest.newBuilder()
                .uri(URI.create(endpoint))
                .header("X-Aws-Parameters-Secrets-Token", System.getenv("AWS_SESSION_TOKEN"))
                .GET()
                .build();

            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

            String secret = response.body();
            secret = secret.substring(secret.indexOf("SecretString") + 15);
            secret = secret.substring(0, secret.indexOf("\""));

            System.out.println("Retrieved secret: " + secret);
            return "Successfully retrieved secret";
        } catch (Exception e) {
            System.out.println("Error: " + e);
            return "Error retrieving secret";
        }
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // One handler object per invocation, as each Lambda execution environment has its own.
            GetSecret handler = new GetSecret();
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                handler.handleRequest();
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) thread.join();
    }
}
