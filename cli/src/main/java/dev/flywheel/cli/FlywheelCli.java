package dev.flywheel.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code flywheel}: the platform from a terminal, over the services' own HTTP APIs. {@code ./flywheel COMMAND}
 * runs it; {@code ./flywheel help} lists the commands.
 */
@Command(name = "flywheel", mixinStandardHelpOptions = true, version = "flywheel 0.1.0",
        description = "Flywheel from the terminal: pipelines, data, training runs, models, predictions.",
        subcommands = {PipelinesCommand.class, IngestCommand.class, LabelsCommand.class, TrainCommand.class,
                RunsCommand.class, ModelsCommand.class, ProfileCommand.class, SqlCommand.class, PredictCommand.class,
                StatusCommand.class, ReconcileCommand.class, RejectsCommand.class, CommandLine.HelpCommand.class})
public final class FlywheelCli {

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line, printing to {@code out} and {@code err}; returns the exit status. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = new CommandLine(new FlywheelCli());
        line.setOut(out);
        line.setErr(err);
        line.setExitCodeExceptionMapper(FlywheelCli::exitCodeOf);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("flywheel: " + e.getMessage());
            return exitCodeOf(e);
        });
        return line.execute(args);
    }

    private static int exitCodeOf(Throwable e) {
        if (e instanceof Api.Unreachable) {
            return ExitCode.UNREACHABLE;
        }
        if (e instanceof CommandLine.ParameterException || e instanceof IllegalArgumentException) {
            return ExitCode.USAGE;
        }
        return ExitCode.FAILED;
    }
}
