package com.epicorups.cli;

import com.epicorups.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code connector}: the local run and the operator commands. */
@Command(name = "connector", mixinStandardHelpOptions = true, version = "connector 1.0.0-SNAPSHOT",
        description = "Epicor-UPS connector: run it locally, or operate a deployment.",
        subcommands = {LocalRunCommand.class, PingCommand.class, TraceCommand.class, ReplayCommand.class, StatusCommand.class, BenchCommand.class,
                LambdaLocalCommand.class, SamEnvCommand.class,
                CommandLine.HelpCommand.class})
public final class ConnectorCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int code = commandLine().execute(args);
        System.exit(code);
    }

    /** Exit code of any command whose settings or secrets are invalid (the message names every problem). */
    public static final int INVALID_CONFIGURATION = 3;

    /** Exit code of a command whose Epicor preflight (or a ping check) failed: the lines printed say what to fix. */
    public static final int PREFLIGHT_FAILED = 3;

    /** The command line with its exception handler; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ConnectorCli());
        cli.setOut(new java.io.PrintWriter(System.out, true));
        cli.setErr(new java.io.PrintWriter(System.err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("connector: " + e.getMessage());
            if (Boolean.getBoolean("connector.debug")) {
                e.printStackTrace(commandLine.getErr());
            }
            return e instanceof ConfigException ? INVALID_CONFIGURATION : 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
