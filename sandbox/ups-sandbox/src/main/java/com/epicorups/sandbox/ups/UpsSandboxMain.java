package com.epicorups.sandbox.ups;

/** Runs the UPS sandbox as a process of its own. */
public final class UpsSandboxMain {

    private UpsSandboxMain() {
    }

    /**
     * Runs the sandbox standalone. Arguments (all optional): {@code --port=8091 --client=id:secret
     * --shipper=A1B2C3 --cie}. Defaults: ephemeral port, client {@code sandbox-client:sandbox-secret}, shipper A1B2C3.
     */
    public static void main(String[] args) throws InterruptedException {
        UpsSandbox.Builder builder = UpsSandbox.builder();
        boolean client = false;
        boolean shipper = false;
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                builder.port(Integer.parseInt(arg.substring(7)));
            } else if (arg.startsWith("--client=")) {
                String[] parts = arg.substring(9).split(":", 2);
                builder.client(parts[0], parts[1]);
                client = true;
            } else if (arg.equals("--cie")) {
                builder.environment(Environment.CIE);
            } else if (arg.startsWith("--shipper=")) {
                builder.shipperNumber(arg.substring(10));
                shipper = true;
            } else {
                throw new IllegalArgumentException("Unknown argument " + arg);
            }
        }
        if (!client) {
            builder.client("sandbox-client", "sandbox-secret");
        }
        if (!shipper) {
            builder.shipperNumber("A1B2C3");
        }
        UpsSandbox sandbox = builder.build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        System.out.println("UPS sandbox listening on " + sandbox.baseUrl());
        Thread.currentThread().join();
    }
}
