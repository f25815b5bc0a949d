using System.Text;
using Participation.Web.Content;

namespace Participation.Web.Safeguarding;

/// <summary>A list file and its entries, as the staff page shows them.</summary>
public sealed record ListFile(string Name, string Title, IReadOnlyList<ListEntry> Entries);

internal sealed record CompiledEntry(ListEntry Entry, CompiledPattern Pattern, RiskCategory? Category, PersonalDetailKind? Kind);

/// <summary>
/// The word lists of content/safeguarding, read and checked at start-up like the site's other
/// content: a malformed line stops the start with its file, its line and what is wrong. The lists
/// are data, reviewed by child-protection professionals; LISEZ-MOI.md there explains the format.
/// </summary>
public sealed class SafeguardingLists
{
    public const string Folder = "safeguarding";
    public const string GroupsFile = "groupes.txt";
    public const string SpellingsFile = "orthographes.txt";
    public const string CommonWordsFile = "mots-courants.txt";
    public const string ExceptionsFile = "exceptions.txt";

    public static readonly IReadOnlyList<(string File, RiskCategory Category)> RiskFiles =
    [
        ("suicide.txt", RiskCategory.Suicide),
        ("violence.txt", RiskCategory.Violence),
        ("danger.txt", RiskCategory.Danger),
        ("harcelement.txt", RiskCategory.Bullying),
    ];

    public static readonly IReadOnlyList<(string File, PersonalDetailKind Kind)> DetailFiles =
    [
        ("coordonnees-telephone.txt", PersonalDetailKind.Phone),
        ("coordonnees-email.txt", PersonalDetailKind.Email),
        ("coordonnees-adresse.txt", PersonalDetailKind.Address),
        ("coordonnees-etablissement.txt", PersonalDetailKind.Place),
        ("coordonnees-reseaux.txt", PersonalDetailKind.Handle),
        ("rencontres.txt", PersonalDetailKind.MeetUp),
    ];

    private SafeguardingLists()
    {
    }

    public required IReadOnlyList<ListFile> Risks { get; init; }
    public required IReadOnlyList<ListFile> PersonalDetails { get; init; }
    public required ListFile Exceptions { get; init; }
    public required ListFile Groups { get; init; }
    public required ListFile Spellings { get; init; }
    public required ListFile CommonWords { get; init; }

    internal IReadOnlyList<CompiledEntry> Rules { get; private init; } = [];
    internal IReadOnlyList<CompiledEntry> ExceptionRules { get; private init; } = [];
    internal Lexicon Lexicon { get; private init; } = null!;

    public static IEnumerable<string> FileNames =>
        RiskFiles.Select(f => f.File).Concat(DetailFiles.Select(f => f.File))
            .Concat([ExceptionsFile, GroupsFile, SpellingsFile, CommonWordsFile]);

    /// <summary>Reads content/safeguarding under the site's content folder.</summary>
    public static SafeguardingLists Load(string contentRoot)
    {
        var folder = Path.Combine(contentRoot, Folder);
        if (!Directory.Exists(folder))
        {
            throw new ContentException([$"le dossier {folder} est introuvable."]);
        }
        var problems = new List<string>();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var known = FileNames.ToHashSet(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (!known.Contains(name))
            {
                problems.Add($"{Path.Combine(Folder, name)} : ce fichier n'est pas une des listes ({string.Join(", ", FileNames)}). Une faute dans le nom ?");
                continue;
            }
            try
            {
                files[name] = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
            }
            catch (DecoderFallbackException)
            {
                problems.Add($"{Path.Combine(Folder, name)} : le fichier n'est pas en UTF-8.");
            }
        }
        return Parse(files, problems);
    }

    /// <summary>Builds the lists from file texts by name; every problem found is reported at once.</summary>
    public static SafeguardingLists Parse(IReadOnlyDictionary<string, string> files, List<string>? problems = null)
    {
        problems ??= [];
        foreach (var name in FileNames.Where(n => !files.ContainsKey(n) && !problems.Any(p => p.StartsWith(Path.Combine(Folder, n), StringComparison.Ordinal))))
        {
            problems.Add($"{Path.Combine(Folder, name)} : cette liste manque.");
        }
        string Text(string name) => files.GetValueOrDefault(name, "");

        var spellingLines = Lines(SpellingsFile, Text(SpellingsFile), problems);
        var spellings = ReadSpellings(spellingLines, problems);
        var parser = new PatternParser(spellings);

        var commonLines = Lines(CommonWordsFile, Text(CommonWordsFile), problems);
        var commonWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in commonLines)
        {
            foreach (var word in line.Expression.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var piece in word.Split(['\'', '’', '-'], StringSplitOptions.RemoveEmptyEntries))
                {
                    var canonical = FrenchText.Canonical(piece);
                    if (canonical.Length == 0 || !canonical.Any(char.IsLetter))
                    {
                        problems.Add($"{line.Where} : « {word} » n'est pas un mot.");
                        continue;
                    }
                    commonWords.UnionWith(spellings.TryGetValue(canonical, out var replaced) ? replaced : [canonical]);
                }
            }
        }

        var groupLines = Lines(GroupsFile, Text(GroupsFile), problems);
        var groupParts = new Dictionary<string, List<PatternNode>>(StringComparer.Ordinal);
        var groupWhere = new Dictionary<string, string>(StringComparer.Ordinal);
        var parsedGroups = new List<(SourceLine Line, string Name, PatternNode Node)>();
        foreach (var line in groupLines)
        {
            var equals = line.Expression.IndexOf('=');
            var name = equals < 0 ? "" : line.Expression[..equals].Trim();
            if (equals < 0 || name.Length < 2 || name[0] != '@' || !name[1..].All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
            {
                problems.Add($"{line.Where} : une ligne de groupe a la forme « @nom = mots  # commentaire ».");
                continue;
            }
            try
            {
                var node = parser.Parse(line.Expression[(equals + 1)..]);
                var key = name[1..].ToLowerInvariant();
                if (!groupParts.TryGetValue(key, out var parts))
                {
                    groupParts[key] = parts = [];
                    groupWhere[key] = line.Where;
                }
                parts.Add(node);
                parsedGroups.Add((line, key, node));
            }
            catch (PatternException e)
            {
                problems.Add($"{line.Where} : {e.Message}");
            }
        }
        var groups = groupParts.ToDictionary(p => p.Key, p => p.Value.Count == 1 ? p.Value[0] : new ChoiceNode(p.Value), StringComparer.Ordinal);
        PatternNode Group(string name) =>
            groups.TryGetValue(name, out var node) ? node : throw new PatternException($"le groupe « @{name} » n'existe pas dans {GroupsFile}.");
        foreach (var (line, _, node) in parsedGroups)
        {
            try
            {
                CompiledPattern.Compile(node, Group);
            }
            catch (PatternException e)
            {
                problems.Add($"{line.Where} : {e.Message}");
            }
        }

        var vocabulary = new List<PatternNode>(groups.Values);
        var rules = new List<CompiledEntry>();
        CompiledEntry? Compile(SourceLine line, RiskCategory? category, PersonalDetailKind? kind)
        {
            try
            {
                var node = parser.Parse(line.Expression);
                vocabulary.Add(node);
                return new CompiledEntry(line.Entry, CompiledPattern.Compile(node, Group), category, kind);
            }
            catch (PatternException e)
            {
                problems.Add($"{line.Where} : {e.Message}");
                return null;
            }
        }

        var risks = new List<ListFile>();
        foreach (var (file, category) in RiskFiles)
        {
            var lines = Lines(file, Text(file), problems);
            rules.AddRange(lines.Select(l => Compile(l, category, null)).OfType<CompiledEntry>());
            risks.Add(new ListFile(file, RiskNames.Label(category), lines.Select(l => l.Entry).ToList()));
        }
        var details = new List<ListFile>();
        foreach (var (file, kind) in DetailFiles)
        {
            var lines = Lines(file, Text(file), problems);
            rules.AddRange(lines.Select(l => Compile(l, null, kind)).OfType<CompiledEntry>());
            details.Add(new ListFile(file, RiskNames.Label(kind), lines.Select(l => l.Entry).ToList()));
        }
        var exceptionLines = Lines(ExceptionsFile, Text(ExceptionsFile), problems);
        var exceptions = exceptionLines.Select(l => Compile(l, null, null)).OfType<CompiledEntry>().ToList();

        if (problems.Count > 0)
        {
            throw new ContentException(problems);
        }

        var words = new HashSet<string>(StringComparer.Ordinal);
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in vocabulary)
        {
            Collect(node, words, stems);
        }
        return new SafeguardingLists
        {
            Risks = risks,
            PersonalDetails = details,
            Exceptions = new ListFile(ExceptionsFile, "Exceptions", exceptionLines.Select(l => l.Entry).ToList()),
            Groups = new ListFile(GroupsFile, "Groupes de mots", groupLines.Select(l => l.Entry).ToList()),
            Spellings = new ListFile(SpellingsFile, "Orthographes", spellingLines.Select(l => l.Entry).ToList()),
            CommonWords = new ListFile(CommonWordsFile, "Mots courants", commonLines.Select(l => l.Entry).ToList()),
            Rules = rules,
            ExceptionRules = exceptions,
            Lexicon = new Lexicon(spellings, commonWords, words, stems),
        };
    }

    private static void Collect(PatternNode node, HashSet<string> words, HashSet<string> stems)
    {
        switch (node)
        {
            case WordNode w:
                words.Add(w.Word);
                break;
            case StemNode s:
                stems.Add(s.Stem);
                break;
            case SequenceNode s:
                foreach (var item in s.Items)
                {
                    Collect(item, words, stems);
                }
                break;
            case ChoiceNode c:
                foreach (var option in c.Options)
                {
                    Collect(option, words, stems);
                }
                break;
            case OptionalNode o:
                Collect(o.Body, words, stems);
                break;
        }
    }

    private static Dictionary<string, string[]> ReadSpellings(List<SourceLine> lines, List<string> problems)
    {
        var raw = new Dictionary<string, (string[] Words, string Where)>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var equals = line.Expression.IndexOf('=');
            if (equals < 0)
            {
                problems.Add($"{line.Where} : une ligne d'orthographe a la forme « forme|autre forme = mots  # commentaire ».");
                continue;
            }
            var target = line.Expression[(equals + 1)..]
                .Split([' ', '\'', '’', '-'], StringSplitOptions.RemoveEmptyEntries)
                .Select(w => FrenchText.Canonical(w))
                .Where(w => w.Length > 0)
                .ToArray();
            if (target.Length == 0)
            {
                problems.Add($"{line.Where} : après « = », écrivez les mots que la forme veut dire.");
                continue;
            }
            foreach (var form in line.Expression[..equals].Split('|', StringSplitOptions.TrimEntries))
            {
                if (form.Length == 0 || !form.All(char.IsLetterOrDigit))
                {
                    problems.Add($"{line.Where} : « {form} » doit être un seul mot, sans espace, apostrophe ni tiret (le texte est coupé là).");
                    continue;
                }
                var key = FrenchText.Canonical(form);
                if (raw.TryGetValue(key, out var existing))
                {
                    // Two spellings that read the same (« jvoudrais », « jvoudrai ») may say the same thing twice.
                    if (!existing.Words.SequenceEqual(target))
                    {
                        problems.Add($"{line.Where} : « {form} » se lit comme une forme déjà définie ({existing.Where}) avec un autre sens.");
                    }
                    continue;
                }
                raw[key] = (target, line.Where);
            }
        }
        // A replacement uses the others once: « g = j'ai » reads « je ai » since « j = je ».
        var resolved = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, (words, _)) in raw)
        {
            resolved[key] = words.SelectMany(w => w != key && raw.TryGetValue(w, out var inner) ? inner.Words : [w]).ToArray();
        }
        foreach (var (key, words) in resolved)
        {
            if (words.Length == 1 && words[0] == key)
            {
                resolved.Remove(key);
            }
        }
        return resolved;
    }

    private sealed record SourceLine(ListEntry Entry, string Where)
    {
        public string Expression => Entry.Expression;
    }

    private static List<SourceLine> Lines(string file, string text, List<string> problems)
    {
        var lines = new List<SourceLine>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var where = $"{Path.Combine(Folder, file)}, ligne {number}";
            var hash = line.IndexOf('#');
            if (hash < 0 || line[(hash + 1)..].Trim().Length == 0)
            {
                problems.Add($"{where} : chaque entrée dit ce qu'elle attrape, après « # » (par exemple « je veux mourir  # envie de mourir »).");
                continue;
            }
            var expression = line[..hash].Trim();
            if (expression.Length == 0)
            {
                problems.Add($"{where} : l'entrée est vide avant « # ». Une ligne de commentaire seul commence par « # ».");
                continue;
            }
            lines.Add(new SourceLine(new ListEntry($"{file}:{number}", expression, line[(hash + 1)..].Trim()), where));
        }
        return lines;
    }
}
