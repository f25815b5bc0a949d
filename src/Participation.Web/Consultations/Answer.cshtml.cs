using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Infrastructure;

namespace Participation.Web.Consultations;

public enum AnswerMode
{
    Landing,
    Screen,
    Saved,
    Closed,
    AlreadyAnswered,
}

/// <summary>
/// A parent answers here, one part per screen, without an account and without script: the answers
/// of earlier screens travel along as hidden fields, and nothing is stored until the parent sends
/// everything or asks to keep a draft.
/// </summary>
[AllowAnonymous]
public sealed class AnswerModel(ConsultationForms forms, Responses responses, ConsultationResults results, CodeAttempts attempts, OpenLinkAnswers openLinkAnswers, CodeCarrier carrier, IAuthorizationService authorization, TimeProvider clock) : FormPageModel
{
    public const string ActionNext = "suivant";
    public const string ActionBack = "precedent";
    public const string ActionSave = "enregistrer";
    public const string ActionSend = "envoyer";

    [BindProperty(SupportsGet = true, Name = "langue")] public string? LanguageCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "code")] public string? Code { get; set; }
    [BindProperty(SupportsGet = true, Name = "apercu")] public bool Preview { get; set; }
    [BindProperty(Name = "partie")] public int? SectionId { get; set; }
    [BindProperty(Name = "action")] public string? Action { get; set; }

    public LoadedQuestionnaire Loaded { get; private set; } = null!;
    public QuestionnaireForm Form => Loaded.Form;
    public Wording Words => Form.Wording;
    public AnswerMode Mode { get; private set; }
    public IReadOnlyDictionary<int, AnswerValue> Answers { get; private set; } = new Dictionary<int, AnswerValue>();
    public IReadOnlyList<SectionShape> Screens { get; private set; } = [];
    public SectionShape? Current { get; private set; }
    public int ScreenNumber => Current is null ? 0 : Screens.ToList().FindIndex(s => s.Id == Current.Id) + 1;
    public bool IsLast => ScreenNumber == Screens.Count;
    public string? SavedCode { get; private set; }

    /// <summary>A saved draft has just opened again.</summary>
    public bool Resumed { get; private set; }
    public bool ClosedForGood { get; private set; }
    public Outcome? Outcome { get; private set; }

    /// <summary>
    /// The network sent its hour's share of answers: a notice, not an error, since the parent did
    /// nothing wrong, and every answer stays on the screen to send later.
    /// </summary>
    public bool NetworkBusy { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!string.IsNullOrWhiteSpace(Code))
        {
            // A code in the address (a slip's QR code) is moved out of it at once: the address stays
            // in the browser's history, often on a phone the family shares.
            carrier.Carry(HttpContext, slug, Code);
            return Redirect(Url.Page("/Consultations/Answer", new { slug, langue = LanguageCode, apercu = Preview ? true : (bool?)null })!);
        }
        Code = carrier.Read(HttpContext, slug);
        if (await LoadAsync(slug) is { } unavailable)
        {
            return unavailable;
        }
        Mode = AnsweredHere() ? AnswerMode.AlreadyAnswered : AnswerMode.Landing;
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(string slug)
    {
        if (await ReadyToAnswerAsync(slug) is { } stop)
        {
            return stop;
        }
        var answers = new Dictionary<int, AnswerValue>();
        if (!string.IsNullOrWhiteSpace(Code) || Form.Access == QuestionnaireAccess.Invitation)
        {
            if (await CheckCodeAsync() is not { } check)
            {
                Mode = AnswerMode.Landing;
                return Page();
            }
            Code = check.Code;
            // From here the code travels with the answers; the cookie that brought it is not needed.
            carrier.Drop(HttpContext, slug);
            if (check.Draft is not null)
            {
                answers = check.Draft.ToDictionary();
                if (LanguageCode is null && check.DraftLanguage is not null)
                {
                    if (await LoadAsync(slug, check.DraftLanguage) is { } gone)
                    {
                        return gone;
                    }
                }
                // Back on the screen the parent saved from; a draft kept before screens were stored,
                // or whose screen is no longer asked, opens where something is still unanswered.
                var screens = Form.Screens(answers);
                Show(answers, screens.FirstOrDefault(s => s.Id == check.DraftSectionId) ?? FirstUnfinished(answers));
                Resumed = true;
                return Page();
            }
        }
        Show(answers, FirstUnfinished(answers));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await ReadyToAnswerAsync(slug) is { } stop)
        {
            return stop;
        }
        var (answers, errors) = Form.Read(Request.Form.Tidied());
        var screens = Form.Screens(answers);
        var current = screens.FirstOrDefault(s => s.Id == SectionId) ?? screens.FirstOrDefault();
        if (current is null)
        {
            return NotFound();
        }
        if (!string.IsNullOrWhiteSpace(Code) && ConsultationCodes.Normalise(Code) is null)
        {
            AddError(Responses.CodeField, Words.CodeUnknown);
        }

        // A wrong value on another screen can only come from an altered page: show that screen.
        var wrongElsewhere = screens.FirstOrDefault(s => s.Questions.Any(q => errors.ContainsKey(q.Field) && s.Id != current.Id));
        var here = errors.Where(e => current.Questions.Any(q => q.Field == e.Key)).ToDictionary();
        switch (Action)
        {
            case ActionBack when here.Count == 0 && wrongElsewhere is null:
                Show(answers, Neighbour(screens, current, -1));
                return Page();
            case ActionSave when !Preview:
                // What is not a whole answer yet (a ranking half numbered) is left out of the draft
                // rather than stopping a parent who has to go now; only a refused code stops the save.
                if (!ModelState.IsValid)
                {
                    return ShowErrors(answers, errors, wrongElsewhere ?? current);
                }
                if (CodeGuessesExhausted())
                {
                    return ShowErrors(answers, errors, current);
                }
                // Only a save without a code makes a new row; saving again with one's code changes its own.
                if (Form.Access == QuestionnaireAccess.OpenLink && string.IsNullOrWhiteSpace(Code) && openLinkAnswers.TryTakeDraft(HttpContext) is { } draftWait)
                {
                    return NetworkBusyPage(answers, current, draftWait);
                }
                var saved = await responses.SaveDraftAsync(Form, answers, Code, current.Id);
                if (!saved.Succeeded)
                {
                    CountWrongCode(saved.Errors);
                    return ShowErrors(answers, saved.Errors, current);
                }
                carrier.Drop(HttpContext, slug);
                SavedCode = saved.Value;
                Code = saved.Value;
                Answers = answers;
                Mode = AnswerMode.Saved;
                return Page();
            case ActionSend when IsLastScreen(screens, current):
                foreach (var (field, message) in screens.SelectMany(s => Form.Missing(s, answers)))
                {
                    errors.TryAdd(field, message);
                }
                if (errors.Count > 0 || !ModelState.IsValid)
                {
                    return ShowErrors(answers, errors, screens.FirstOrDefault(s => s.Questions.Any(q => errors.ContainsKey(q.Field))) ?? current);
                }
                if (Preview)
                {
                    return RedirectToPage("/Consultations/Thanks", new { slug, langue = Form.Language.Code, apercu = true });
                }
                if (CodeGuessesExhausted())
                {
                    return ShowErrors(answers, errors, current);
                }
                if (Form.Access == QuestionnaireAccess.OpenLink && openLinkAnswers.TryTake(HttpContext) is { } wait)
                {
                    return NetworkBusyPage(answers, current, wait);
                }
                var sent = await responses.SubmitAsync(Form, answers, Code, ResponseChannel.Online);
                if (!sent.Succeeded)
                {
                    CountWrongCode(sent.Errors);
                    var first = screens.FirstOrDefault(s => s.Questions.Any(q => sent.Errors.ContainsKey(q.Field))) ?? current;
                    return ShowErrors(answers, sent.Errors, first);
                }
                carrier.Drop(HttpContext, slug);
                if (Form.Access == QuestionnaireAccess.OpenLink)
                {
                    Response.Cookies.Append(DeviceCookie(Form.Id), "1", new CookieOptions
                    {
                        HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps,
                        Expires = clock.GetUtcNow().AddYears(1), Path = "/consultations",
                    });
                }
                return RedirectToPage("/Consultations/Thanks", new { slug, langue = Form.Language.Code, lue = sent.Value.HeldForSafety ? true : (bool?)null });
            default:
                foreach (var (field, message) in Form.Missing(current, answers))
                {
                    here.TryAdd(field, message);
                }
                if (here.Count > 0 || wrongElsewhere is not null)
                {
                    return ShowErrors(answers, errors.Concat(here).DistinctBy(e => e.Key).ToDictionary(), wrongElsewhere ?? current);
                }
                Show(answers, Neighbour(screens, current, +1));
                return Page();
        }
    }

    /// <summary>Loads the questionnaire, or says why no answer can be taken now.</summary>
    private async Task<IActionResult?> ReadyToAnswerAsync(string slug)
    {
        if (await LoadAsync(slug) is { } unavailable)
        {
            return unavailable;
        }
        if (AnsweredHere())
        {
            Mode = AnswerMode.AlreadyAnswered;
            return Page();
        }
        return null;
    }

    public override string ErrorSummaryTitle(int count) => count == 1 ? Words.ErrorsOne : Words.Format(Words.ErrorsMany, count);

    /// <summary>Each line names its question: several questions can miss the same answer.</summary>
    public override string ErrorLine(string field, string message) =>
        Form.Questions.FirstOrDefault(q => q.Field == field) is { } question
            // A question ending in a colon (« Votre enfant vit : ») reads badly before the summary's own colon.
            ? Words.Format(Words.ErrorAbout, ShortText.AtWord(question.Text.Value, 90).TrimEnd(':', '\u00A0', ' '), message)
            : message;

    /// <summary>Only messages shown on this screen are linked: those of other screens wait there.</summary>
    public override string? ErrorAnchor(string field) =>
        field == Responses.CodeField || Current?.Questions.Any(q => q.Field == field) == true ? "#" + FieldErrorId(field) : null;

    public static string DeviceCookie(int questionnaireId) => $"consultation-{questionnaireId}";

    private bool AnsweredHere() =>
        !Preview && Form.Access == QuestionnaireAccess.OpenLink && Request.Cookies.ContainsKey(DeviceCookie(Form.Id));

    /// <summary>A code typed on the last screen is limited like one typed at the start.</summary>
    private bool CodeGuessesExhausted()
    {
        if (string.IsNullOrWhiteSpace(Code) || !attempts.Exhausted(HttpContext))
        {
            return false;
        }
        AddError(Responses.CodeField, Words.TooManyCodes);
        return true;
    }

    private void CountWrongCode(IReadOnlyDictionary<string, string> errors)
    {
        if (Responses.IsWrongCode(Form, errors))
        {
            attempts.Failed(HttpContext);
        }
    }

    private async Task<CodeCheck?> CheckCodeAsync()
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            AddError(Responses.CodeField, Words.CodeNeeded);
            return null;
        }
        if (attempts.Exhausted(HttpContext))
        {
            AddError(Responses.CodeField, Words.TooManyCodes);
            return null;
        }
        var check = await responses.CheckAsync(Form.Id, Code);
        switch (check.State)
        {
            case CodeState.Ready:
                return check;
            case CodeState.Used:
                AddError(Responses.CodeField, Words.CodeUsed);
                return null;
            default:
                attempts.Failed(HttpContext);
                AddError(Responses.CodeField, Words.CodeUnknown);
                return null;
        }
    }

    private IActionResult NetworkBusyPage(IReadOnlyDictionary<int, AnswerValue> answers, SectionShape screen, TimeSpan wait)
    {
        Show(answers, screen);
        NetworkBusy = true;
        return PageToWait(wait);
    }

    private PageResult ShowErrors(IReadOnlyDictionary<int, AnswerValue> answers, IReadOnlyDictionary<string, string> errors, SectionShape screen)
    {
        AddErrors(errors);
        Show(answers, screen);
        return Page();
    }

    private void Show(IReadOnlyDictionary<int, AnswerValue> answers, SectionShape? screen)
    {
        Answers = answers;
        Screens = Form.Screens(answers);
        Current = screen is null ? Screens.FirstOrDefault() : Screens.FirstOrDefault(s => s.Id == screen.Id) ?? Screens.FirstOrDefault();
        Mode = AnswerMode.Screen;
    }

    private SectionShape? FirstUnfinished(IReadOnlyDictionary<int, AnswerValue> answers)
    {
        var screens = Form.Screens(answers);
        if (answers.Count == 0)
        {
            return screens.FirstOrDefault();
        }
        return screens.FirstOrDefault(s => s.Questions.Any(q => Form.IsAsked(q, answers) && !answers.ContainsKey(q.Id))) ?? screens.LastOrDefault();
    }

    private static SectionShape? Neighbour(IReadOnlyList<SectionShape> screens, SectionShape current, int step)
    {
        var index = screens.ToList().FindIndex(s => s.Id == current.Id) + step;
        return screens[Math.Clamp(index, 0, screens.Count - 1)];
    }

    private static bool IsLastScreen(IReadOnlyList<SectionShape> screens, SectionShape current) => screens[^1].Id == current.Id;

    /// <summary>Loads the questionnaire; an unknown one is a 404, a closed one a page that says so.</summary>
    private async Task<IActionResult?> LoadAsync(string slug, string? language = null)
    {
        var loaded = await forms.FindAsync(slug, language ?? LanguageCode);
        if (loaded is null)
        {
            return NotFound();
        }
        Loaded = loaded;
        Preview = await authorization.MayPreviewAsync(User, Preview);
        if (!Preview && !loaded.IsPublished)
        {
            return NotFound();
        }
        if (!Preview && !loaded.IsOpenAt(clock.GetUtcNow()))
        {
            Mode = AnswerMode.Closed;
            ClosedForGood = loaded.ClosesAt <= clock.GetUtcNow();
            if (ClosedForGood)
            {
                Outcome = (await results.OutcomesAsync([loaded.Form.Id]))[loaded.Form.Id];
            }
            return Page();
        }
        return null;
    }
}
