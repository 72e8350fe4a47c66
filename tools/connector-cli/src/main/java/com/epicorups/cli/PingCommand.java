package com.epicorups.cli;

import com.epicorups.app.ConnectorAssembly;
import com.epicorups.app.ConnectorParts;
import com.epicorups.cli.local.LocalConfig;
import com.epicorups.cli.ops.Ping;
import com.epicorups.config.ConnectorSettings;
import com.epicorups.queue.MessageQueue;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryCheckpointStore;
import com.epicorups.store.memory.InMemoryProcessedEventStore;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import com.epicorups.store.memory.InMemoryTokenCacheStore;
import com.epicorups.store.local.LocalDirectoryLabelStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "ping", mixinStandardHelpOptions = true,
        description = "Checks Epicor (base URL, API key, identity, company, permissions), runs the Epicor preflight "
                + "(the release BAQ, the sets and columns the connector reads, the write-back columns and the right to "
                + "write them, the warehouse and ShipVia codes), and checks UPS (OAuth token, API reachability), with "
                + "the deployed secrets or a local config file. One line per check; exit code 0 when all pass, 3 when "
                + "one fails.")
public final class PingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsTargetOptions target;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON {epicorSecret, upsSecret, webhookSecret, settings} instead of the deployed secrets.")
    Path config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Ping.Check> checks;
        if (config != null) {
            checks = new Ping(new ConnectorAssembly(partsFrom(LocalConfig.load(config)))).run();
        } else {
            try (AwsTargetOptions.Deployment deployment = target.connect()) {
                checks = new Ping(deployment.assembly()).run();
            }
        }
        boolean ok = Ping.print(checks, out);
        out.flush();
        return ok ? 0 : ConnectorCli.PREFLIGHT_FAILED;
    }

    static ConnectorParts partsFrom(LocalConfig config) {
        MessageQueue none = (body, attributes) -> {
            throw new UnsupportedOperationException("ping sends no queue messages");
        };
        return new ConnectorParts(ConnectorSettings.parse(config.settings().toString()),
                config::epicorSecret, config::upsSecret, config::webhookSecret,
                new InMemoryTokenCacheStore(), new InMemoryShipmentLedger(), new InMemoryCheckpointStore(),
                new InMemoryAuditLog(), new InMemoryProcessedEventStore(),
                new LocalDirectoryLabelStore(Path.of("local-run-output")), none, none, none, none,
                Optional.empty(), Optional.empty(), Clock.systemUTC());
    }
}
