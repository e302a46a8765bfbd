package org.patengine.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one line a failed command prints. Java's file-system exceptions carry only a path as their
 * message ("pat train: /tmp/x"); this adds what went wrong with it. A parse error names an option
 * by the name the user typed, not by its longest alias.
 */
final class ErrorMessages {
    private ErrorMessages() {
    }

    /** The message of {@code e}, with the reason of a file-system error that has none. */
    static String of(Throwable e) {
        if (!(e instanceof FileSystemException fs)) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String reason = fs.getReason() != null ? fs.getReason() : switch (fs) {
            case NoSuchFileException x -> "no such file or folder";
            case AccessDeniedException x -> "permission denied";
            case FileAlreadyExistsException x -> "exists already (and is in the way)";
            case NotDirectoryException x -> "not a folder";
            case DirectoryNotEmptyException x -> "folder not empty";
            default -> fs.getClass().getSimpleName();
        };
        String file = fs.getFile() == null ? "" : fs.getFile();
        return fs.getOtherFile() == null ? file + ": " + reason : file + " -> " + fs.getOtherFile() + ": " + reason;
    }

    /** A parse error's message, with the option named as typed in {@code args} where it has aliases. */
    static String of(CommandLine.ParameterException e, String[] args) {
        String message = e.getMessage().replace("option option '", "option '"); // picocli's KEY=VALUE message
        List<CommandLine.Model.ArgSpec> specs = e instanceof CommandLine.MissingParameterException m ? m.getMissing()
                : e.getArgSpec() == null ? List.of() : List.of(e.getArgSpec());
        for (CommandLine.Model.ArgSpec spec : specs) {
            if (spec instanceof OptionSpec option && option.names().length > 1) {
                String typed = typedName(option, List.of(args));
                if (typed != null) {
                    message = message.replace("'" + option.longestName() + "'", "'" + typed + "'");
                }
            }
        }
        return message;
    }

    /** The name of {@code option} that appears in {@code args} (as {@code NAME} or {@code NAME=…}), or null. */
    static String typedName(OptionSpec option, List<String> args) {
        for (String a : args) {
            for (String n : option.names()) {
                if (a.equals(n) || a.startsWith(n + "=")) {
                    return n;
                }
            }
        }
        return null;
    }
}
