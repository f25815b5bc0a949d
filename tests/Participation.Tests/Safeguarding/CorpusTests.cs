using Participation.Tests.Infrastructure;
using Participation.Web.Safeguarding;
using Xunit.Abstractions;

namespace Participation.Tests.Safeguarding;

/// <summary>
/// The detector over the labelled corpus: sentences written for these tests, many of them after
/// the lists, so that the figures say how the rules do on words they were not written from.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    private const string PersonalDetails = RiskNames.PersonalDetails;

    private sealed record Sentence(int Line, IReadOnlySet<string> Labels, string Text);

    private static List<Sentence> Corpus()
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "Participation.Tests", "Safeguarding", "corpus.tsv");
        return File.ReadLines(path)
            .Select((line, index) => (line, number: index + 1))
            .Where(l => l.line.Length > 0 && !l.line.StartsWith('#'))
            .Select(l =>
            {
                var tab = l.line.IndexOf('\t');
                Assert.True(tab > 0, $"corpus.tsv, line {l.number}: labels TAB sentence");
                var labels = l.line[..tab].Split(',', StringSplitOptions.TrimEntries).Where(x => x != "-").ToHashSet();
                return new Sentence(l.number, labels, l.line[(tab + 1)..]);
            })
            .ToList();
    }

    private static readonly string[] RiskLabels = Enum.GetValues<RiskCategory>().Select(RiskNames.Of).ToArray();

    [Fact]
    public void The_corpus_is_large_labelled_and_covers_every_category()
    {
        var corpus = Corpus();
        Assert.True(corpus.Count >= 300, $"{corpus.Count} sentences");
        foreach (var sentence in corpus)
        {
            Assert.All(sentence.Labels, label => Assert.Contains(label, RiskLabels.Append(PersonalDetails)));
        }
        foreach (var label in RiskLabels.Append(PersonalDetails))
        {
            Assert.True(corpus.Count(s => s.Labels.Contains(label)) >= 30, $"few sentences labelled {label}");
        }
        Assert.True(corpus.Count(s => s.Labels.Count == 0) * 3 >= corpus.Count, "ordinary sentences are at least a third of the corpus");
        Assert.Equal(corpus.Count, corpus.Select(s => s.Text).Distinct().Count());
    }

    [Fact]
    public void Risk_sentences_are_caught_and_ordinary_ones_are_not()
    {
        var corpus = Corpus();
        var detector = Lists.Detector;
        var risky = corpus.Where(s => s.Labels.Overlaps(RiskLabels)).ToList();
        var details = corpus.Where(s => s.Labels.Contains(PersonalDetails)).ToList();
        var ordinary = corpus.Where(s => s.Labels.Count == 0).ToList();
        var found = corpus.ToDictionary(s => s, s => detector.Scan(s.Text));

        var missed = risky.Where(s => found[s].Risks.Count == 0).ToList();
        var detailsMissed = details.Where(s => !found[s].HasPersonalDetails).ToList();
        var falseAlarms = ordinary.Where(s => !found[s].IsClear).ToList();
        var recall = 1.0 - (double)missed.Count / risky.Count;
        var detailRecall = 1.0 - (double)detailsMissed.Count / details.Count;
        var falseAlarmRate = (double)falseAlarms.Count / ordinary.Count;

        output.WriteLine($"{corpus.Count} sentences: {risky.Count} with a risk, {details.Count} with personal details, {ordinary.Count} ordinary");
        output.WriteLine($"recall on risk sentences: {recall:P1} ({risky.Count - missed.Count}/{risky.Count})");
        output.WriteLine($"recall on personal details: {detailRecall:P1} ({details.Count - detailsMissed.Count}/{details.Count})");
        output.WriteLine($"false alarms on ordinary sentences: {falseAlarmRate:P1} ({falseAlarms.Count}/{ordinary.Count})");
        foreach (var label in RiskLabels)
        {
            var labelled = corpus.Where(s => s.Labels.Contains(label)).ToList();
            var same = labelled.Count(s => found[s].Categories.Select(RiskNames.Of).Contains(label));
            var extra = corpus.Count(s => !s.Labels.Contains(label) && found[s].Categories.Select(RiskNames.Of).Contains(label));
            output.WriteLine($"  {label}: {same}/{labelled.Count} found under this category, {extra} other sentences also put under it");
        }
        foreach (var sentence in missed.Concat(detailsMissed))
        {
            output.WriteLine($"missed (line {sentence.Line}, {string.Join(',', sentence.Labels)}): {sentence.Text}");
        }
        foreach (var sentence in falseAlarms)
        {
            output.WriteLine($"false alarm (line {sentence.Line}, {found[sentence].Summary}): {sentence.Text}");
        }

        Assert.True(recall >= 0.95, $"recall {recall:P1}");
        Assert.True(detailRecall >= 0.95, $"personal details recall {detailRecall:P1}");
        Assert.True(falseAlarmRate <= 0.05, $"false alarms {falseAlarmRate:P1}");
    }
}
