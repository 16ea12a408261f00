namespace PlanLoop.Domain.Forecasting;

/// <summary>
/// What is known about a deal in one stage: the stage and its default probability, the amount, the BANT total, the
/// days it has spent (or spent) in the stage, the activities on its account in the 90 days before, and its
/// categories by name (tier, channel, industry, owner, product line …; null where unknown). For a closed deal, one of
/// these per open stage it passed, with whether it was won in the end.
/// </summary>
public sealed record DealFacts(string Stage, double StageDefault, double Amount, int? Bant, int DaysInStage, int Activities, IReadOnlyDictionary<string, string?> Attributes)
{
    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);
}

/// <summary>A closed deal's stage with its outcome and the day it closed (what a time-ordered hold-out splits on).</summary>
public sealed record DealOutcome(DealFacts Facts, bool Won, DateOnly ClosedOn);

/// <summary>What moved a deal's probability away from the average deal in its stage, in probability points (+0.05 = five points more).</summary>
public sealed record WinReason(string Factor, string Value, double Effect);

/// <summary>A deal's win probability, its stage default and the reasons, largest first.</summary>
public sealed record WinScore(double Probability, double StageDefault, IReadOnlyList<WinReason> Reasons);

/// <summary>One bin of a calibration table: the predictions between From and To, how many, their mean and how often those deals were won.</summary>
public sealed record CalibrationBin(double From, double To, int Count, double MeanPredicted, double Observed);

/// <summary>Brier score, log loss and calibration of one way of predicting on the hold-out.</summary>
public sealed record Scorecard(double Brier, double LogLoss, IReadOnlyList<CalibrationBin> Calibration);

/// <summary>
/// How the learned model did against the stage defaults on deals closed after <see cref="Cutoff"/> when trained on the
/// ones closed before; <see cref="ModelWins"/> when it beats them on both Brier score and log loss with enough deals to say so.
/// </summary>
public sealed record WinEvaluation(DateOnly Cutoff, int TrainDeals, int TestDeals, int TestExamples, Scorecard Model, Scorecard Defaults, bool ModelWins, string? Why);

/// <summary>
/// A win-probability model for a small sales team: logistic regression on the log odds of the stage's
/// default probability (an offset), with a per-stage correction and a weight per factor — amount, BANT, days
/// in stage, activities, and each level (seen at least five times) of every category — all with Gaussian priors centred on zero (a Bayesian model whose
/// maximum a posteriori fit is found by Newton's method). With few closed deals the data cannot pull
/// the weights far from zero, so the probabilities stay close to the stage defaults; with more, they
/// follow the evidence. Every prediction is explained: how many points each factor adds or takes away
/// relative to the average deal of the training data.
/// </summary>
public sealed class WinModel
{
    /// <summary>The prior standard deviations (log odds per standardised factor) <see cref="Tune"/> chooses from: from "trust the defaults" to "follow the data".</summary>
    public static readonly IReadOnlyList<double> PriorScales = [0.1, 0.25, 0.5, 1.0];

    /// <summary>The prior's standard deviation when none is tuned: half a unit of log odds, so a dozen deals cannot move a probability far.</summary>
    public const double DefaultPriorSd = 0.5;

    const int MinimumLevel = 5;          // a channel or tier seen fewer times is folded into "other"
    readonly string[] stages;
    readonly (string Attribute, string[] Levels)[] categories;
    readonly double[] mean;               // the training data's mean of each column (the "average deal")
    readonly double[] scale;
    readonly double[] weights;
    readonly string[] columns;

    WinModel(string[] stages, (string, string[])[] categories, double[] mean, double[] scale, double[] weights, string[] columns, int deals, int examples, double priorSd)
    {
        PriorSd = priorSd;
        (this.stages, this.categories, this.mean, this.scale, this.weights, this.columns) = (stages, categories, mean, scale, weights, columns);
        (Deals, Examples) = (deals, examples);
    }

    /// <summary>The prior's standard deviation the weights were fitted with: the smaller, the closer to the stage defaults.</summary>
    public double PriorSd { get; }

    /// <summary>The prior's standard deviation on the categories' levels (tier, channel, owner …).</summary>
    public double CategoryPriorSd { get; init; }

    /// <summary>How many closed deals, and how many stage passages of them, the model was fitted on.</summary>
    public int Deals { get; }
    public int Examples { get; }

    /// <summary>The fitted weights by column name (stage corrections "stage:CODE", "amount", "bant", "days", "activities", and "attribute:level" such as "tier:A"), in log odds per standard deviation.</summary>
    public IReadOnlyDictionary<string, double> Weights => columns.Zip(weights).ToDictionary(p => p.First, p => p.Second);

    /// <summary>Fits the model on closed deals' stage passages (<paramref name="deals"/> counts the distinct deals behind them).</summary>
    public static WinModel Fit(IReadOnlyList<DealOutcome> data, int deals, double priorSd = DefaultPriorSd, double? categoryPriorSd = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var stages = data.Select(d => d.Facts.Stage).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        (string, string[])[] categories = [.. data.SelectMany(d => d.Facts.Attributes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(a => (a, (string[])[.. data.Select(d => d.Facts[a]).OfType<string>().GroupBy(v => v, StringComparer.Ordinal)
                .Where(g => g.Count() >= MinimumLevel).Select(g => g.Key).Order(StringComparer.Ordinal)]))
            .Where(c => c.Item2.Length > 0)];
        string[] columns = [.. stages.Select(s => $"stage:{s}"), "amount", "bant", "days", "activities", .. categories.SelectMany(c => c.Item2.Select(l => $"{c.Item1}:{l}"))];
        var p = columns.Length;

        // Raw columns, then standardised; a missing BANT counts as the average one.
        var raw = data.Select(d => Raw(d.Facts, stages, categories, null)).ToArray();
        var mean = new double[p];
        var scale = new double[p];
        var bantKnown = data.Where(d => d.Facts.Bant is not null).Select(d => (double)d.Facts.Bant!.Value).ToList();
        for (var j = 0; j < p; j++)
        {
            var values = raw.Select(r => r[j]).ToList();
            if (columns[j] == "bant") values = bantKnown.Count > 0 ? bantKnown : [0.0];
            mean[j] = values.Count == 0 ? 0 : values.Average();
            var sd = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean[j]) * (v - mean[j])) / (values.Count - 1));
            scale[j] = sd > 1e-9 ? sd : 1;
        }
        for (var j = 0; j < stages.Length; j++) (mean[j], scale[j]) = (0, 1);   // a stage's correction is its own, not relative to the mix of stages
        var x = data.Select(d => Standardise(Raw(d.Facts, stages, categories, mean[Array.IndexOf(columns, "bant")]), mean, scale, stages.Length)).ToArray();
        var offset = data.Select(d => Logit(d.Facts.StageDefault)).ToArray();
        var y = data.Select(d => d.Won ? 1.0 : 0.0).ToArray();
        // The stage corrections and numeric factors share one prior; the levels of the categories (many, each seen a few times) may have a tighter one.
        var numeric = stages.Length + 4;
        var sds = Enumerable.Range(0, p).Select(j => j < numeric ? priorSd : categoryPriorSd ?? priorSd).ToArray();
        var w = Newton(x, offset, y, sds);
        return new WinModel(stages, categories, mean, scale, w, columns, deals, data.Count, priorSd) { CategoryPriorSd = categoryPriorSd ?? priorSd };
    }

    /// <summary>The probability of winning a deal in its current stage, with the reasons it differs from the stage default.</summary>
    public WinScore Score(DealFacts deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        var bant = Array.IndexOf(columns, "bant");
        var x = Standardise(Raw(deal, stages, categories, mean[bant]), mean, scale, stages.Length);
        var eta = Logit(deal.StageDefault);
        for (var j = 0; j < x.Length; j++) eta += weights[j] * x[j];
        var probability = Sigmoid(eta);
        var reasons = new List<WinReason>();
        // Each factor's effect: the probability with it, minus the probability with that factor at the average deal's value.
        void Explain(string factor, string value, IEnumerable<int> of)
        {
            var without = eta;
            foreach (var j in of) without -= weights[j] * x[j];
            var effect = probability - Sigmoid(without);
            if (Math.Abs(effect) >= 0.0005) reasons.Add(new WinReason(factor, value, effect));
        }
        Explain("stage-history", deal.Stage, Enumerable.Range(0, stages.Length));
        Explain("amount", deal.Amount.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), [stages.Length]);
        if (deal.Bant is { } b) Explain("bant", b.ToString(System.Globalization.CultureInfo.InvariantCulture), [bant]);
        Explain("days-in-stage", deal.DaysInStage.ToString(System.Globalization.CultureInfo.InvariantCulture), [stages.Length + 2]);
        Explain("activities", deal.Activities.ToString(System.Globalization.CultureInfo.InvariantCulture), [stages.Length + 3]);
        var start = stages.Length + 4;
        foreach (var (attribute, levels) in categories)
        {
            Explain(attribute, deal[attribute] ?? "", Enumerable.Range(start, levels.Length));
            start += levels.Length;
        }
        return new WinScore(probability, deal.StageDefault, [.. reasons.OrderByDescending(r => Math.Abs(r.Effect))]);
    }

    /// <summary>
    /// Fits with the prior strength the data itself supports: each pair of <see cref="PriorScales"/> (the factors', and
    /// the categories' levels' no wider) is fitted on the deals
    /// closed first (three quarters of them) and scored by log loss on the rest; the best is refitted on all. Too few
    /// deals to split (fewer than 20 in either part) keep <see cref="DefaultPriorSd"/>.
    /// </summary>
    public static WinModel Tune(IReadOnlyList<(Guid Deal, DealOutcome Outcome)> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var deals = data.Select(d => d.Deal).Distinct().Count();
        var all = data.Select(d => d.Outcome).ToList();
        var closings = data.GroupBy(d => d.Deal).Select(g => g.First().Outcome.ClosedOn).Order().ToList();
        var cut = closings.Count == 0 ? default : closings[Math.Clamp((int)Math.Floor(closings.Count * 0.75), 0, closings.Count - 1)];
        var fit = data.Where(d => d.Outcome.ClosedOn < cut).ToList();
        var check = data.Where(d => d.Outcome.ClosedOn >= cut).ToList();
        if (fit.Select(d => d.Deal).Distinct().Count() < 20 || check.Select(d => d.Deal).Distinct().Count() < 20) return Fit(all, deals);
        var truth = check.Select(d => d.Outcome.Won).ToList();
        // The categories may also be all but switched off (0.02): with few deals, a level's own history is mostly noise.
        var best = PriorScales.SelectMany(sd => PriorScales.Prepend(0.02).Where(c => c <= sd).Select(c => (Sd: sd, Category: c))).Select(pair =>
        {
            var model = Fit([.. fit.Select(d => d.Outcome)], 0, pair.Sd, pair.Category);
            return (pair.Sd, pair.Category, LogLoss: Scorecard(truth, [.. check.Select(d => model.Score(d.Outcome.Facts).Probability)]).LogLoss);
        }).OrderBy(x => x.LogLoss).ThenBy(x => x.Sd).ThenBy(x => x.Category).First();
        return Fit(all, deals, best.Sd, best.Category);
    }

    /// <summary>
    /// Trains on the deals closed before the cutoff (the day by which <paramref name="trainShare"/> of the deals had
    /// closed) and scores the stage passages of the deals closed after it, the model against the stage defaults.
    /// The model wins when it has at least <paramref name="minimumTestDeals"/> deals to be judged on and beats the
    /// defaults on both Brier score and log loss.
    /// </summary>
    public static WinEvaluation? Evaluate(IReadOnlyList<(Guid Deal, DealOutcome Outcome)> data, double trainShare = 0.7, int minimumTestDeals = 20)
    {
        ArgumentNullException.ThrowIfNull(data);
        var closings = data.GroupBy(d => d.Deal).Select(g => g.First().Outcome.ClosedOn).Order().ToList();
        if (closings.Count < 2) return null;
        var cutoff = closings[Math.Clamp((int)Math.Floor(closings.Count * trainShare), 1, closings.Count - 1)];
        var train = data.Where(d => d.Outcome.ClosedOn < cutoff).ToList();
        var test = data.Where(d => d.Outcome.ClosedOn >= cutoff).ToList();
        var trainDeals = train.Select(d => d.Deal).Distinct().Count();
        var testDeals = test.Select(d => d.Deal).Distinct().Count();
        if (trainDeals == 0 || testDeals == 0) return null;
        var model = Tune(train);
        var truth = test.Select(d => d.Outcome.Won).ToList();
        var byModel = Scorecard(truth, [.. test.Select(d => model.Score(d.Outcome.Facts).Probability)]);
        var byDefaults = Scorecard(truth, [.. test.Select(d => d.Outcome.Facts.StageDefault)]);
        string? why = testDeals < minimumTestDeals ? "too-few-deals"
            : byModel.Brier >= byDefaults.Brier || byModel.LogLoss >= byDefaults.LogLoss ? "defaults-better" : null;
        return new WinEvaluation(cutoff, trainDeals, testDeals, test.Count, byModel, byDefaults, why is null, why);
    }

    /// <summary>Brier score, log loss (predictions kept within [0.001, 0.999], so a default of 0 or 100% cannot make it infinite) and a five-bin calibration table.</summary>
    public static Scorecard Scorecard(IReadOnlyList<bool> outcomes, IReadOnlyList<double> predictions)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(predictions);
        if (outcomes.Count != predictions.Count) throw new ArgumentException("One prediction per outcome.", nameof(predictions));
        if (outcomes.Count == 0) return new Scorecard(0, 0, []);
        double brier = 0, logLoss = 0;
        for (var i = 0; i < outcomes.Count; i++)
        {
            var (y, p) = (outcomes[i] ? 1.0 : 0.0, predictions[i]);
            brier += (p - y) * (p - y);
            var q = Math.Clamp(p, 0.001, 0.999);
            logLoss -= y * Math.Log(q) + (1 - y) * Math.Log(1 - q);
        }
        var bins = new List<CalibrationBin>();
        for (var b = 0; b < 5; b++)
        {
            var (from, to) = (b / 5.0, (b + 1) / 5.0);
            var inBin = Enumerable.Range(0, outcomes.Count).Where(i => predictions[i] >= from && (predictions[i] < to || b == 4)).ToList();
            if (inBin.Count > 0)
                bins.Add(new CalibrationBin(from, to, inBin.Count, inBin.Average(i => predictions[i]), inBin.Count(i => outcomes[i]) / (double)inBin.Count));
        }
        return new Scorecard(brier / outcomes.Count, logLoss / outcomes.Count, bins);
    }

    static double[] Raw(DealFacts f, string[] stages, (string Attribute, string[] Levels)[] categories, double? bantMean)
    {
        var row = new double[stages.Length + 4 + categories.Sum(c => c.Levels.Length)];
        var s = Array.IndexOf(stages, f.Stage);
        if (s >= 0) row[s] = 1;
        row[stages.Length] = Math.Log(1 + Math.Max(0, f.Amount));
        row[stages.Length + 1] = f.Bant ?? bantMean ?? 0;
        row[stages.Length + 2] = Math.Log(1 + Math.Max(0, f.DaysInStage));
        row[stages.Length + 3] = Math.Log(1 + Math.Max(0, f.Activities));
        var start = stages.Length + 4;
        foreach (var (attribute, levels) in categories)
        {
            var level = f[attribute] is { } v ? Array.IndexOf(levels, v) : -1;
            if (level >= 0) row[start + level] = 1;
            start += levels.Length;
        }
        return row;
    }

    static double[] Standardise(double[] raw, double[] mean, double[] scale, int stageColumns)
    {
        var x = new double[raw.Length];
        for (var j = 0; j < raw.Length; j++) x[j] = j < stageColumns ? raw[j] : (raw[j] - mean[j]) / scale[j];
        return x;
    }

    /// <summary>Maximum a posteriori weights: Newton's method on the log likelihood plus the Gaussian log prior.</summary>
    static double[] Newton(double[][] x, double[] offset, double[] y, double[] priorSds)
    {
        var p = priorSds.Length;
        var w = new double[p];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[p];
            var hessian = new double[p, p];
            for (var j = 0; j < p; j++) { var precision = 1 / (priorSds[j] * priorSds[j]); gradient[j] = -precision * w[j]; hessian[j, j] = precision; }
            for (var i = 0; i < x.Length; i++)
            {
                var eta = offset[i];
                for (var j = 0; j < p; j++) eta += w[j] * x[i][j];
                var mu = Sigmoid(eta);
                var v = mu * (1 - mu);
                for (var j = 0; j < p; j++)
                {
                    if (x[i][j] == 0) continue;
                    gradient[j] += (y[i] - mu) * x[i][j];
                    for (var k = 0; k < p; k++) hessian[j, k] += v * x[i][j] * x[i][k];
                }
            }
            var step = Solve(hessian, gradient);
            var largest = 0.0;
            for (var j = 0; j < p; j++) { w[j] += step[j]; largest = Math.Max(largest, Math.Abs(step[j])); }
            if (largest < 1e-8) break;
        }
        return w;
    }

    /// <summary>Solves A·x = b for a symmetric positive definite A (Cholesky).</summary>
    static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-12)) : sum / l[j, j];
            }
        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++) sum -= l[i, k] * z[k];
            z[i] = sum / l[i, i];
        }
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = z[i];
            for (var k = i + 1; k < n; k++) sum -= l[k, i] * x[k];
            x[i] = sum / l[i, i];
        }
        return x;
    }

    static double Logit(double p)
    {
        var q = Math.Clamp(p, 0.001, 0.999);
        return Math.Log(q / (1 - q));
    }

    static double Sigmoid(double eta) => 1 / (1 + Math.Exp(-eta));
}
