using System.Globalization;
using Participation.Web.Infrastructure;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Consultations;

/// <summary>The words around the questions (buttons, hints, errors) in one language.</summary>
public sealed record Wording
{
    public required string ChooseLanguage { get; init; }
    public required string Anonymous { get; init; }
    /// <summary>How long the questionnaire is, from its number of questions and minutes, with the plurals the language needs.</summary>
    public required Func<int, int, string> Length { get; init; }
    public required string Start { get; init; }
    public required string CodeLabel { get; init; }
    public required string CodeHint { get; init; }
    public required string ResumeTitle { get; init; }
    public required string ResumeHint { get; init; }
    public required string Resume { get; init; }
    public required string StepOf { get; init; }
    public required string Next { get; init; }
    public required string Previous { get; init; }
    public required string Send { get; init; }
    public required string SaveForLater { get; init; }
    public required string Optional { get; init; }
    public required string MultipleHint { get; init; }
    public required string RankHint { get; init; }
    public required string RankLabel { get; init; }
    public required string TextHint { get; init; }
    public required string ConditionHint { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required string ErrorsOne { get; init; }
    public required string ErrorsMany { get; init; }
    public required string ErrorRequired { get; init; }
    public required string ErrorNotAChoice { get; init; }
    public required string ErrorOneChoice { get; init; }
    public required string ErrorTooLong { get; init; }
    public required string ErrorRanking { get; init; }
    public required string ThanksTitle { get; init; }
    public required string ThanksText { get; init; }
    public required string SavedTitle { get; init; }
    public required string SavedText { get; init; }
    public required string SavedCode { get; init; }
    public required string ContinueNow { get; init; }
    public required string AlreadyAnswered { get; init; }
    public required string CodeUnknown { get; init; }
    public required string CodeUsed { get; init; }
    public required string CodeNeeded { get; init; }
    public required string NothingToSave { get; init; }
    public required string NotStored { get; init; }
    public required string TooManyCodes { get; init; }
    /// <summary>Too many answers sent from one network in the hour: nothing is lost, the page stays as it is.</summary>
    public required string TooManyAnswers { get; init; }
    public required string PaperHowTo { get; init; }
    public required string PaperOnline { get; init; }
    public required string PaperOne { get; init; }
    public required string PaperCondition { get; init; }
    public required string PaperReturn { get; init; }

    /// <summary>What a parent reads when a written answer is held for safety: a person will read it soon, and whom to call now.</summary>
    public required string HeldText { get; init; }

    /// <summary>The help line beside every written answer; {119} and {3114} become the numbers to tap.</summary>
    public required string HelpBeside { get; init; }

    public required HelpWords Help { get; init; }

    /// <summary>The menu, the footer and the emergency line around the questionnaire, in its language.</summary>
    public required FrameWords Frame { get; init; }

    /// <summary>A line of the error summary: {0} the question, {1} what to do.</summary>
    public required string ErrorAbout { get; init; }

    /// <summary>Shown when a saved draft opens again: {0} the screen, {1} how many there are.</summary>
    public required string Resumed { get; init; }

    public required string CopyCode { get; init; }
    public required string Copied { get; init; }
    public required string ShareCode { get; init; }
    public required string SmsCode { get; init; }
    public required string ShowBig { get; init; }
    public required string CloseBig { get; init; }

    /// <summary>The message sent with the code: {1} the code, {2} its address; {0}, the questionnaire's title, is left out, since the message stays on the phone.</summary>
    public required string ShareMessage { get; init; }

    /// <summary>Beside the ways to send the code: the message stays where it is sent, and opens the answers.</summary>
    public required string ShareWarning { get; init; }

    public required string FamilyProposals { get; init; }
    public required string OtherConsultations { get; init; }

    public string Format(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);
}

/// <summary>A language a questionnaire can be offered in; FALC is French written to be easy to read.</summary>
public sealed record Language(string Code, string HtmlLang, string NativeName, string FrenchName, bool RightToLeft, Wording Wording)
{
    public string Direction => RightToLeft ? "rtl" : "ltr";
}

public static class Languages
{
    public const string FrenchCode = "fr";

    public static Language French { get; } = new(FrenchCode, "fr", "Français", "français", false, new Wording
    {
        ChooseLanguage = "Choisir la langue",
        Anonymous = "Vos réponses sont anonymes : on ne vous demande ni nom, ni adresse, ni compte.",
        Length = (questions, minutes) => $"{questions} question{Plural.S(questions)}, environ {minutes} minute{Plural.S(minutes)}.",
        Start = "Commencer",
        CodeLabel = "Votre code",
        CodeHint = "Il est écrit sur le papier que vous avez reçu, par exemple K7QM-4RTA.",
        ResumeTitle = "Vous avez déjà commencé ?",
        ResumeHint = "Saisissez le code qu'on vous a donné quand vous avez enregistré vos réponses.",
        Resume = "Reprendre",
        StepOf = "Étape {0} sur {1}",
        Next = "Suivant",
        Previous = "Précédent",
        Send = "Envoyer mes réponses",
        SaveForLater = "Enregistrer et finir plus tard",
        Optional = "(facultatif)",
        MultipleHint = "Vous pouvez cocher plusieurs réponses.",
        RankHint = "Donnez un numéro à chaque choix : 1 pour le plus important.",
        RankLabel = "Numéro pour « {0} »",
        TextHint = "{0} caractères au plus.",
        ConditionHint = "Seulement si vous avez répondu « {0} » juste avant.",
        Yes = "Oui",
        No = "Non",
        ErrorsOne = "Une chose à corriger",
        ErrorsMany = "{0} choses à corriger",
        ErrorRequired = "Répondez à cette question pour continuer.",
        ErrorNotAChoice = "Ce choix ne fait pas partie de la question.",
        ErrorOneChoice = "Choisissez une seule réponse.",
        ErrorTooLong = "Votre réponse fait {0} caractères : {1} au plus.",
        ErrorRanking = "Donnez à chaque choix un numéro différent, de 1 à {0}.",
        ThanksTitle = "Merci pour vos réponses",
        ThanksText = "Elles sont bien enregistrées. Le Département les lira avec les autres familles et vous dira ce qu'il en fait.",
        SavedTitle = "Vos réponses sont gardées",
        SavedText = "Pour finir plus tard, gardez ce code. Vous le taperez sur la page de la consultation.",
        SavedCode = "Votre code pour reprendre",
        ContinueNow = "Continuer maintenant",
        AlreadyAnswered = "Vous avez déjà répondu depuis ce téléphone ou cet ordinateur. Merci !",
        CodeUnknown = "Ce code n'est pas reconnu. Vérifiez les lettres et les chiffres.",
        CodeUsed = "Ce code a déjà servi : les réponses ont été envoyées.",
        CodeNeeded = "Pour répondre, il faut le code reçu par courrier.",
        NothingToSave = "Répondez au moins à une question avant d'enregistrer.",
        NotStored = "Vos réponses n'ont pas pu être enregistrées. Réessayez dans un instant.",
        TooManyCodes = "Trop de codes essayés. Attendez une minute avant de réessayer.",
        TooManyAnswers = "Beaucoup de réponses sont déjà parties de ce réseau Wi-Fi dans l'heure. Vos réponses restent sur cette page : renvoyez-les un peu plus tard, ou depuis les données mobiles de votre téléphone.",
        PaperHowTo = "Répondez au stylo. Vous ne donnez pas votre nom.",
        PaperOnline = "Vous préférez répondre sur un téléphone ? Allez sur {0} et tapez le code.",
        PaperOne = "Cochez une seule case.",
        PaperCondition = "Seulement si vous avez répondu « {0} » à la question {1}.",
        PaperReturn = "Merci ! Rendez ce questionnaire dans l'enveloppe jointe, ou à la personne qui vous l'a donné.",
        HeldText = "Merci de nous l'avoir écrit. Une personne de l'équipe va lire votre réponse très vite. Si vous ou un enfant êtes en danger maintenant, vous pouvez appeler :",
        HelpBeside = "En danger, vous ou un enfant ? Appelez le {119} (enfance en danger) ou le {3114} (prévention du suicide), gratuits, jour et nuit.",
        Help = HelpWords.Parents,
        Frame = FrameWords.Parents,
        FamilyProposals = "Voir ce que deviennent les propositions des familles",
        OtherConsultations = "Les autres consultations ouvertes",
        ErrorAbout = "« {0} »\u00A0: {1}",
        Resumed = "Vous reprenez vos réponses là où vous les aviez laissées\u00A0: étape {0} sur {1}.",
        CopyCode = "Copier le code",
        Copied = "Le code est copié.",
        ShareCode = "Envoyer le code",
        SmsCode = "Me l'envoyer par SMS",
        ShowBig = "Afficher le code en grand, pour le prendre en photo",
        CloseBig = "Fermer",
        ShareMessage = "Mon code pour finir le questionnaire\u00A0: {1}. La page\u00A0: {2}",
        ShareWarning = "Ce message reste dans le téléphone ou l'application qui l'envoie\u00A0: avec lui, on peut lire vos réponses. Ne l'envoyez que là où personne d'autre ne le lira.",
    });

    public static Language Falc { get; } = new("falc", "fr", "Facile à lire", "français facile à lire (FALC)", false, French.Wording with
    {
        Anonymous = "Vous ne donnez pas votre nom. Personne ne sait que ce sont vos réponses.",
        Length = (questions, minutes) => $"Il y a {questions} question{Plural.S(questions)}. Cela prend {minutes} minute{Plural.S(minutes)}.",
        CodeHint = "Le code est sur la lettre. Par exemple : K7QM-4RTA.",
        ResumeTitle = "Vous avez déjà commencé ?",
        ResumeHint = "Tapez le code qu'on vous a donné.",
        MultipleHint = "Vous pouvez cocher plusieurs cases.",
        RankHint = "Mettez 1 pour le plus important, puis 2, puis 3.",
        TextHint = "Au plus {0} lettres.",
        ConditionHint = "Répondez seulement si vous avez dit « {0} ».",
        ErrorRequired = "Vous devez répondre à cette question.",
        ErrorNotAChoice = "Cette réponse n'est pas dans la liste.",
        ErrorOneChoice = "Choisissez une seule réponse.",
        ErrorTooLong = "Votre texte est trop long : {0} lettres. Le maximum est {1}.",
        ErrorRanking = "Mettez un numéro différent à chaque choix, de 1 à {0}.",
        ThanksTitle = "Merci !",
        ThanksText = "Vos réponses sont envoyées. Le Département va les lire. Il vous dira ce qu'il fait.",
        SavedText = "Gardez ce code. Avec ce code, vous pourrez finir plus tard.",
        CodeUnknown = "Ce code n'est pas bon. Regardez bien les lettres et les chiffres.",
        CodeUsed = "Ce code est déjà utilisé.",
        CodeNeeded = "Il faut le code qui est sur la lettre.",
        NothingToSave = "Répondez d'abord à une question.",
        NotStored = "Vos réponses ne sont pas enregistrées. Essayez encore dans une minute.",
        TooManyCodes = "Vous avez essayé trop de codes. Attendez 1 minute. Puis essayez encore.",
        TooManyAnswers = "Beaucoup de personnes ont déjà répondu avec ce Wi-Fi. Vos réponses sont gardées sur cette page. Envoyez-les plus tard. Ou coupez le Wi-Fi et envoyez-les avec votre téléphone.",
        PaperHowTo = "Répondez avec un stylo. Vous n'écrivez pas votre nom.",
        PaperOnline = "Vous pouvez aussi répondre sur un téléphone : allez sur {0} et tapez le code.",
        PaperOne = "Cochez une seule case.",
        PaperCondition = "Répondez seulement si vous avez dit « {0} » à la question {1}.",
        PaperReturn = "Merci ! Mettez ce papier dans l'enveloppe. Ou donnez-le à la personne qui vous l'a donné.",
        HeldText = "Merci. Une personne de l'équipe va lire votre réponse très vite. Vous êtes en danger ? Un enfant est en danger ? Appelez :",
        HelpBeside = "Un enfant est en danger ? Vous êtes en danger ? Appelez le {119} ou le {3114}. C'est gratuit, jour et nuit.",
        Frame = FrameWords.ParentsEasyRead,
        Resumed = "Vous reprenez là où vous avez arrêté. Vous êtes à l'étape {0} sur {1}.",
        ShowBig = "Voir le code en grand, pour le prendre en photo",
    });

    public static Language English { get; } = new("en", "en", "English", "anglais", false, new Wording
    {
        ChooseLanguage = "Choose a language",
        Anonymous = "Your answers are anonymous: we do not ask for your name, your address or an account.",
        Length = (questions, minutes) => $"{questions} question{Plural.S(questions)}, about {minutes} minute{Plural.S(minutes)}.",
        Start = "Start",
        CodeLabel = "Your code",
        CodeHint = "It is printed on the paper you received, for example K7QM-4RTA.",
        ResumeTitle = "Already started?",
        ResumeHint = "Type the code you were given when you saved your answers.",
        Resume = "Continue",
        StepOf = "Step {0} of {1}",
        Next = "Next",
        Previous = "Back",
        Send = "Send my answers",
        SaveForLater = "Save and finish later",
        Optional = "(optional)",
        MultipleHint = "You can tick more than one answer.",
        RankHint = "Give each choice a number: 1 for the most important.",
        RankLabel = "Number for “{0}”",
        TextHint = "{0} characters at most.",
        ConditionHint = "Only if you answered “{0}” just before.",
        Yes = "Yes",
        No = "No",
        ErrorsOne = "One thing to correct",
        ErrorsMany = "{0} things to correct",
        ErrorRequired = "Please answer this question to go on.",
        ErrorNotAChoice = "This choice is not part of the question.",
        ErrorOneChoice = "Choose only one answer.",
        ErrorTooLong = "Your answer is {0} characters long: {1} at most.",
        ErrorRanking = "Give each choice a different number, from 1 to {0}.",
        ThanksTitle = "Thank you for your answers",
        ThanksText = "They have been saved. The Département will read them with those of other families and tell you what it does with them.",
        SavedTitle = "Your answers are saved",
        SavedText = "To finish later, keep this code. You will type it on the consultation page.",
        SavedCode = "Your code to continue",
        ContinueNow = "Continue now",
        AlreadyAnswered = "You have already answered from this phone or computer. Thank you!",
        CodeUnknown = "This code is not recognised. Check the letters and numbers.",
        CodeUsed = "This code has already been used: the answers were sent.",
        CodeNeeded = "To answer, you need the code you received by post.",
        NothingToSave = "Answer at least one question before saving.",
        NotStored = "Your answers could not be saved. Please try again in a moment.",
        TooManyCodes = "Too many codes tried. Please wait a minute before trying again.",
        TooManyAnswers = "Many answers have already been sent from this Wi-Fi network in the last hour. Your answers stay on this page: send them a little later, or over your phone's mobile data.",
        PaperHowTo = "Answer with a pen. You do not give your name.",
        PaperOnline = "Would you rather answer on a phone? Go to {0} and type the code.",
        PaperOne = "Tick one box only.",
        PaperCondition = "Only if you answered “{0}” to question {1}.",
        PaperReturn = "Thank you! Return this questionnaire in the enclosed envelope, or to the person who gave it to you.",
        HeldText = "Thank you for writing this to us. Someone from the team will read your answer very soon. If you or a child are in danger now, you can call:",
        HelpBeside = "A child in danger, or yourself? Call {119} (child in danger line) or {3114} (suicide prevention), free, day and night.",
        Frame = FrameWords.English,
        FamilyProposals = "See what becomes of the families' proposals",
        OtherConsultations = "Other open questionnaires",
        ErrorAbout = "“{0}”: {1}",
        Resumed = "You are picking up where you left off: step {0} of {1}.",
        CopyCode = "Copy the code",
        Copied = "The code is copied.",
        ShareCode = "Send the code",
        SmsCode = "Text it to myself",
        ShowBig = "Show the code large, to take a photo of it",
        CloseBig = "Close",
        ShareMessage = "My code to finish the questionnaire: {1}. The page: {2}",
        ShareWarning = "This message stays on the phone or in the app that sends it, and it opens your answers. Only send it where no one else will read it.",
        Help = new HelpWords(
            "Numbers to call now, free",
            "Allô enfance en danger, the child protection line, day and night",
            "if you are thinking of suicide, or for someone close to you",
            "Fil Santé Jeunes, for ages 11 to 25, anonymous and free",
            "online harassment",
            "by text message, if you cannot speak",
            "emergency, if you are in danger right now"),
    });

    public static Language Arabic { get; } = new("ar", "ar", "العربية", "arabe", true, new Wording
    {
        ChooseLanguage = "اختر اللغة",
        Anonymous = "إجاباتك مجهولة الهوية: لا نطلب اسمك ولا عنوانك ولا حسابًا.",
        Length = (questions, minutes) => $"{Plural.Arabic(questions, "سؤال واحد", "سؤالان", "أسئلة", "سؤالًا", "سؤال")}، حوالي {Plural.Arabic(minutes, "دقيقة واحدة", "دقيقتان", "دقائق", "دقيقة", "دقيقة")}.",
        Start = "ابدأ",
        CodeLabel = "الرمز الخاص بك",
        CodeHint = "مكتوب على الورقة التي وصلتك، مثلًا K7QM-4RTA.",
        ResumeTitle = "هل بدأت من قبل؟",
        ResumeHint = "اكتب الرمز الذي أُعطي لك عندما حفظت إجاباتك.",
        Resume = "متابعة",
        StepOf = "المرحلة {0} من {1}",
        Next = "التالي",
        Previous = "السابق",
        Send = "إرسال إجاباتي",
        SaveForLater = "الحفظ والإكمال لاحقًا",
        Optional = "(اختياري)",
        MultipleHint = "يمكنك اختيار أكثر من إجابة.",
        RankHint = "أعطِ كل اختيار رقمًا: 1 للأهم.",
        RankLabel = "رقم «{0}»",
        TextHint = "{0} حرفًا على الأكثر.",
        ConditionHint = "فقط إذا أجبت «{0}» في السؤال السابق.",
        Yes = "نعم",
        No = "لا",
        ErrorsOne = "شيء واحد يجب تصحيحه",
        ErrorsMany = "أشياء يجب تصحيحها: {0}",
        ErrorRequired = "أجب عن هذا السؤال للمتابعة.",
        ErrorNotAChoice = "هذا الاختيار ليس من إجابات السؤال.",
        ErrorOneChoice = "اختر إجابة واحدة فقط.",
        ErrorTooLong = "إجابتك فيها {0} حرفًا، والحد الأقصى {1}.",
        ErrorRanking = "أعطِ كل اختيار رقمًا مختلفًا من 1 إلى {0}.",
        ThanksTitle = "شكرًا على إجاباتك",
        ThanksText = "تم حفظها. ستقرؤها المحافظة مع إجابات العائلات الأخرى وستخبرك بما ستفعله بها.",
        SavedTitle = "تم حفظ إجاباتك",
        SavedText = "لإكمال الإجابة لاحقًا، احتفظ بهذا الرمز واكتبه في صفحة الاستشارة.",
        SavedCode = "رمز المتابعة الخاص بك",
        ContinueNow = "المتابعة الآن",
        AlreadyAnswered = "لقد أجبت من قبل من هذا الهاتف أو الحاسوب. شكرًا!",
        CodeUnknown = "هذا الرمز غير معروف. تحقق من الحروف والأرقام.",
        CodeUsed = "هذا الرمز استُعمل من قبل: تم إرسال الإجابات.",
        CodeNeeded = "للإجابة، تحتاج إلى الرمز الذي وصلك بالبريد.",
        NothingToSave = "أجب عن سؤال واحد على الأقل قبل الحفظ.",
        NotStored = "تعذّر حفظ إجاباتك. حاول مرة أخرى بعد لحظة.",
        TooManyCodes = "تمت تجربة رموز كثيرة. انتظر دقيقة ثم حاول مرة أخرى.",
        TooManyAnswers = "أُرسلت إجابات كثيرة من شبكة الواي فاي هذه خلال الساعة الأخيرة. إجاباتك باقية في هذه الصفحة: أرسلها بعد قليل، أو عبر بيانات الهاتف المحمول.",
        PaperHowTo = "أجب بقلم. لا تكتب اسمك.",
        PaperOnline = "تفضّل الإجابة على الهاتف؟ اذهب إلى {0} واكتب الرمز.",
        PaperOne = "ضع علامة في خانة واحدة فقط.",
        PaperCondition = "فقط إذا أجبت «{0}» على السؤال {1}.",
        PaperReturn = "شكرًا! أعد هذا الاستبيان في الظرف المرفق، أو إلى الشخص الذي أعطاك إياه.",
        HeldText = "شكرًا لأنك كتبت لنا هذا. سيقرأ أحد أعضاء الفريق إجابتك قريبًا جدًا. إذا كنت أنت أو طفل في خطر الآن، يمكنك الاتصال بـ:",
        HelpBeside = "طفل في خطر، أو أنت؟ اتصل بالرقم {119} (الطفولة في خطر) أو {3114} (الوقاية من الانتحار)، مجانًا، ليلًا ونهارًا.",
        Frame = FrameWords.Arabic,
        FamilyProposals = "انظر ما يحدث لاقتراحات العائلات",
        OtherConsultations = "الاستشارات الأخرى المفتوحة",
        ErrorAbout = "«{0}»: {1}",
        Resumed = "أنت تكمل إجاباتك من حيث توقفت: المرحلة {0} من {1}.",
        CopyCode = "نسخ الرمز",
        Copied = "تم نسخ الرمز.",
        ShareCode = "إرسال الرمز",
        SmsCode = "إرساله إليّ برسالة نصية",
        ShowBig = "عرض الرمز بحجم كبير لتصويره",
        CloseBig = "إغلاق",
        ShareMessage = "رمزي لإكمال الاستبيان: {1}. الصفحة: {2}",
        ShareWarning = "تبقى هذه الرسالة في الهاتف أو في التطبيق الذي يرسلها، وهي تفتح إجاباتك. لا ترسلها إلا إلى مكان لا يقرؤها فيه أحد غيرك.",
        Help = new HelpWords(
            "أرقام للاتصال الآن، مجانية",
            "Allô enfance en danger، خط حماية الطفولة، ليلًا ونهارًا",
            "إذا كنت تفكر في الانتحار، أو من أجل شخص قريب منك",
            "Fil Santé Jeunes، من 11 إلى 25 سنة، دون ذكر الاسم ومجانًا",
            "التحرش عبر الإنترنت",
            "برسالة نصية، إذا كنت لا تستطيع الكلام",
            "الطوارئ، إذا كنت في خطر الآن"),
    });

    public static Language Spanish { get; } = new("es", "es", "Español", "espagnol", false, new Wording
    {
        ChooseLanguage = "Elegir el idioma",
        Anonymous = "Sus respuestas son anónimas: no le pedimos ni nombre, ni dirección, ni cuenta.",
        Length = (questions, minutes) => $"{questions} pregunta{Plural.S(questions)}, aproximadamente {minutes} minuto{Plural.S(minutes)}.",
        Start = "Empezar",
        CodeLabel = "Su código",
        CodeHint = "Está escrito en el papel que ha recibido, por ejemplo K7QM-4RTA.",
        ResumeTitle = "¿Ya ha empezado?",
        ResumeHint = "Escriba el código que le dieron cuando guardó sus respuestas.",
        Resume = "Continuar",
        StepOf = "Paso {0} de {1}",
        Next = "Siguiente",
        Previous = "Anterior",
        Send = "Enviar mis respuestas",
        SaveForLater = "Guardar y terminar más tarde",
        Optional = "(opcional)",
        MultipleHint = "Puede marcar varias respuestas.",
        RankHint = "Dé un número a cada opción: 1 para la más importante.",
        RankLabel = "Número para «{0}»",
        TextHint = "{0} caracteres como máximo.",
        ConditionHint = "Solo si ha respondido «{0}» justo antes.",
        Yes = "Sí",
        No = "No",
        ErrorsOne = "Una cosa que corregir",
        ErrorsMany = "{0} cosas que corregir",
        ErrorRequired = "Responda a esta pregunta para continuar.",
        ErrorNotAChoice = "Esta opción no forma parte de la pregunta.",
        ErrorOneChoice = "Elija una sola respuesta.",
        ErrorTooLong = "Su respuesta tiene {0} caracteres: {1} como máximo.",
        ErrorRanking = "Dé a cada opción un número distinto, de 1 a {0}.",
        ThanksTitle = "Gracias por sus respuestas",
        ThanksText = "Se han guardado. El Departamento las leerá junto con las de otras familias y le dirá qué hace con ellas.",
        SavedTitle = "Sus respuestas están guardadas",
        SavedText = "Para terminar más tarde, guarde este código. Lo escribirá en la página de la consulta.",
        SavedCode = "Su código para continuar",
        ContinueNow = "Continuar ahora",
        AlreadyAnswered = "Ya ha respondido desde este teléfono u ordenador. ¡Gracias!",
        CodeUnknown = "Este código no se reconoce. Compruebe las letras y los números.",
        CodeUsed = "Este código ya se ha utilizado: las respuestas se enviaron.",
        CodeNeeded = "Para responder, necesita el código recibido por correo.",
        NothingToSave = "Responda al menos a una pregunta antes de guardar.",
        NotStored = "No se han podido guardar sus respuestas. Vuelva a intentarlo en un momento.",
        TooManyCodes = "Se han probado demasiados códigos. Espere un minuto antes de volver a intentarlo.",
        TooManyAnswers = "Ya se han enviado muchas respuestas desde esta red wifi en la última hora. Sus respuestas siguen en esta página: envíelas un poco más tarde o con los datos móviles de su teléfono.",
        PaperHowTo = "Responda con un bolígrafo. No da su nombre.",
        PaperOnline = "¿Prefiere responder en un teléfono? Vaya a {0} y escriba el código.",
        PaperOne = "Marque una sola casilla.",
        PaperCondition = "Solo si ha respondido «{0}» a la pregunta {1}.",
        PaperReturn = "¡Gracias! Devuelva este cuestionario en el sobre adjunto, o a la persona que se lo dio.",
        HeldText = "Gracias por escribírnoslo. Una persona del equipo leerá su respuesta muy pronto. Si usted o un niño está en peligro ahora, puede llamar:",
        HelpBeside = "¿Un niño en peligro, o usted? Llame al {119} (infancia en peligro) o al {3114} (prevención del suicidio), gratuitos, día y noche.",
        Frame = FrameWords.Spanish,
        FamilyProposals = "Ver qué pasa con las propuestas de las familias",
        OtherConsultations = "Las otras consultas abiertas",
        ErrorAbout = "«{0}»: {1}",
        Resumed = "Retoma sus respuestas donde las dejó: paso {0} de {1}.",
        CopyCode = "Copiar el código",
        Copied = "El código está copiado.",
        ShareCode = "Enviar el código",
        SmsCode = "Enviármelo por SMS",
        ShowBig = "Mostrar el código en grande, para hacerle una foto",
        CloseBig = "Cerrar",
        ShareMessage = "Mi código para terminar el cuestionario: {1}. La página: {2}",
        ShareWarning = "Este mensaje se queda en el teléfono o en la aplicación que lo envía, y abre sus respuestas. Envíelo solo donde nadie más lo lea.",
        Help = new HelpWords(
            "Números a los que llamar ahora, gratuitos",
            "Allô enfance en danger, infancia en peligro, día y noche",
            "si piensa en el suicidio, o por un ser querido",
            "Fil Santé Jeunes, de 11 a 25 años, anónimo y gratuito",
            "acoso en internet",
            "por SMS, si no puede hablar",
            "urgencias, si está en peligro ahora mismo"),
    });

    public static IReadOnlyList<Language> All { get; } = [French, Falc, Arabic, English, Spanish];

    /// <summary>The languages a questionnaire can be translated into: all but French, which it is written in.</summary>
    public static IReadOnlyList<Language> Translatable { get; } = All.Where(l => l.Code != FrenchCode).ToList();

    public static Language? Find(string? code) => All.FirstOrDefault(l => l.Code == code);
}
