package io.dhcpsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation a user reads on a clean clone holds together: every relative link in a
 * Markdown file reaches a file of the repository (and a heading there, for a {@code #fragment}),
 * the README stays short enough to read, and no file points outside the repository, where a
 * clone has nothing.
 */
class DocsTest {
    static final Path ROOT = Repo.root();
    static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "run", "node_modules", ".idea", ".vscode",
            "__pycache__", "secrets");
    /** [text](target): the target up to the first space or closing parenthesis. */
    static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    @Test
    void everyRelativeLinkInTheDocumentationResolves() throws IOException {
        List<Path> docs = files().filter(p -> p.toString().endsWith(".md")).toList();
        assertThat(docs).as("Markdown files found").contains(ROOT.resolve("README.md"),
                ROOT.resolve("docs/architecture.md"), ROOT.resolve("benchmarks/README.md"));
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            for (String target : links(Files.readString(doc))) {
                if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                    continue; // http:, https:, mailto: leave the repository on purpose
                }
                checked++;
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String fragment = hash < 0 ? null : target.substring(hash + 1);
                Path file = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
                String where = ROOT.relativize(doc) + " -> " + target;
                if (!file.startsWith(ROOT)) {
                    broken.add(where + " (outside the repository)");
                } else if (!Files.exists(file)) {
                    broken.add(where + " (no such file)");
                } else if (fragment != null && !anchors(file).contains(fragment)) {
                    broken.add(where + " (no such heading; headings: " + anchors(file) + ")");
                }
            }
        }
        assertThat(checked).as("relative links checked").isGreaterThan(20);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void readmeFitsWhatANewUserReads() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        assertThat(lines.size()).as("README.md lines").isLessThanOrEqualTo(300);
        assertThat(String.join("\n", lines)).contains("## Contents", "sudo ./dhcpctl start", "sudo ./dhcpctl verify");
    }

    @Test
    void noFileNamesAPathOutsideTheRepository() throws IOException {
        // Split so that this file does not match itself.
        List<String> forbidden = List.of("../" + "shared", "/work" + "/");
        List<String> hits = new ArrayList<>();
        for (Path p : files().toList()) {
            String text;
            try {
                text = Files.readString(p);
            } catch (IOException | RuntimeException e) {
                continue; // binary files hold no paths a reader would follow
            }
            for (String f : forbidden) {
                if (text.contains(f)) {
                    hits.add(ROOT.relativize(p) + ": " + f);
                }
            }
        }
        assertThat(hits).as("files naming a path outside the repository").isEmpty();
    }

    /**
     * The repository's files: what git tracks or would track (ignored files such as logs, build
     * output and local secrets are not the repository's), or every file outside the usual
     * generated directories where there is no git.
     */
    static Stream<Path> files() throws IOException {
        if (Repo.onPath("git")) {
            Repo.Run git = Repo.run(ROOT, List.of("git", "ls-files", "--cached", "--others", "--exclude-standard"));
            if (git.exit() == 0) {
                return git.output().lines().filter(l -> !l.isBlank()).map(ROOT::resolve).filter(Files::isRegularFile);
            }
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(ROOT)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (Path part : ROOT.relativize(p)) {
                            if (SKIPPED_DIRS.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .forEach(out::add);
        }
        return out.stream();
    }

    /** Link targets outside fenced code blocks and inline code. */
    static List<String> links(String markdown) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(Path file) throws IOException {
        Set<String> out = new HashSet<>();
        if (!file.toString().endsWith(".md")) {
            return out;
        }
        boolean fenced = false;
        for (String line : Files.readAllLines(file)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!fenced && m.matches()) {
                out.add(m.group(1).toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'));
            }
        }
        return out;
    }
}
