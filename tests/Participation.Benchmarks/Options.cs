namespace Participation.Benchmarks;

public sealed record Options(IReadOnlyDictionary<string, string> Values)
{
    public static Options Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>();
        string? key = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                key = arg[2..];
                values[key] = "true";
            }
            else if (key is not null)
            {
                values[key] = arg;
                key = null;
            }
        }
        return new Options(values);
    }

    public int Int(string name, int fallback) => Values.TryGetValue(name, out var v) && int.TryParse(v, out var i) ? i : fallback;
}
