using System.Globalization;
using System.Text;

namespace PlanLoop.Domain.Optimization;

/// <summary>The file formats a model is exported in: CPLEX LP and free MPS, both read by GLPK, CBC, HiGHS and SCIP.</summary>
public enum ModelFormat
{
    Lp,
    Mps,
}

/// <summary>
/// Writes a model as a CPLEX .lp or free .mps file with every number in round-trip precision (OR-Tools' own writer
/// keeps six digits, which moves an optimum that another solver then finds infeasible). A constraint with two finite
/// bounds is written as two rows in LP (name_lo, name_hi) and as a ranged row in MPS; an MPS file has no standard
/// way to say "maximise", so a maximisation's objective is negated there and the header says so.
/// </summary>
public static class ModelFiles
{
    public static string Write(LinearModel model, ModelFormat format, IReadOnlyList<string>? legend = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var text = new StringBuilder();
        var comment = format == ModelFormat.Lp ? "\\ " : "* ";
        text.Append(comment).Append("PlanLoop model ").Append(model.Name).Append(": ").Append(model.Variables.Count.ToString(CultureInfo.InvariantCulture))
            .Append(" variables, ").Append(model.Constraints.Count.ToString(CultureInfo.InvariantCulture)).Append(" constraints\n");
        foreach (var line in legend ?? []) text.Append(comment).Append(line.ReplaceLineEndings(" ")).Append('\n');
        if (format == ModelFormat.Lp) WriteLp(model, text); else WriteMps(model, text);
        return text.ToString();
    }

    static string N(double value) => LinearModel.Number(value);

    static string Name(string name)
    {
        var b = new StringBuilder(name.Length);
        foreach (var ch in name) b.Append(char.IsAsciiLetterOrDigit(ch) || ch == '_' ? ch : '_');
        if (b.Length == 0 || char.IsAsciiDigit(b[0])) b.Insert(0, '_');
        return b.ToString();
    }

    static void WriteLp(LinearModel model, StringBuilder text)
    {
        var names = model.Variables.Select(v => Name(v.Name)).ToArray();
        void Expression(IEnumerable<Term> terms)
        {
            var any = false;
            foreach (var t in terms)
            {
                text.Append(t.Coefficient < 0 ? " - " : " + ").Append(N(Math.Abs(t.Coefficient))).Append(' ').Append(names[t.Variable]);
                any = true;
            }
            if (!any) text.Append(" 0 ").Append(names.Length > 0 ? names[0] : "x");
        }

        text.Append(model.Sense == Sense.Maximise ? "Maximize\n obj:" : "Minimize\n obj:");
        Expression(model.Objective);
        text.Append("\nSubject To\n");
        foreach (var c in model.Constraints)
        {
            var name = Name(c.Name);
            void Row(string suffix, string op, double rhs)
            {
                text.Append(' ').Append(name).Append(suffix).Append(':');
                Expression(c.Terms);
                text.Append(' ').Append(op).Append(' ').Append(N(rhs)).Append('\n');
            }
            if (c.Lower == c.Upper) Row("", "=", c.Lower);
            else if (double.IsNegativeInfinity(c.Lower)) Row("", "<=", c.Upper);
            else if (double.IsPositiveInfinity(c.Upper)) Row("", ">=", c.Lower);
            else
            {
                Row("_lo", ">=", c.Lower);
                Row("_hi", "<=", c.Upper);
            }
        }
        text.Append("Bounds\n");
        for (var i = 0; i < model.Variables.Count; i++)
        {
            var v = model.Variables[i];
            var lower = double.IsNegativeInfinity(v.Lower) ? "-inf" : N(v.Lower);
            var upper = double.IsPositiveInfinity(v.Upper) ? "+inf" : N(v.Upper);
            text.Append(' ').Append(lower).Append(" <= ").Append(names[i]).Append(" <= ").Append(upper).Append('\n');
        }
        if (model.HasIntegers)
        {
            text.Append("General\n");
            for (var i = 0; i < model.Variables.Count; i++)
                if (model.Variables[i].Whole) text.Append(' ').Append(names[i]).Append('\n');
        }
        text.Append("End\n");
    }

    static void WriteMps(LinearModel model, StringBuilder text)
    {
        var names = model.Variables.Select(v => Name(v.Name)).ToArray();
        var rows = model.Constraints.Select(c => Name(c.Name)).ToArray();
        var negate = model.Sense == Sense.Maximise;
        if (negate) text.Append("* maximise: the objective row holds the negated objective\n");
        text.Append("NAME ").Append(Name(model.Name)).Append("\nROWS\n N obj\n");
        for (var k = 0; k < model.Constraints.Count; k++)
        {
            var c = model.Constraints[k];
            var type = c.Lower == c.Upper ? "E" : double.IsNegativeInfinity(c.Lower) ? "L" : "G";
            text.Append(' ').Append(type).Append(' ').Append(rows[k]).Append('\n');
        }
        var columns = new List<(string Row, double Value)>[model.Variables.Count];
        for (var i = 0; i < columns.Length; i++) columns[i] = [];
        foreach (var t in model.Objective) columns[t.Variable].Add(("obj", negate ? -t.Coefficient : t.Coefficient));
        for (var k = 0; k < model.Constraints.Count; k++)
            foreach (var t in model.Constraints[k].Terms) columns[t.Variable].Add((rows[k], t.Coefficient));
        text.Append("COLUMNS\n");
        var inInteger = false;
        var marker = 0;
        for (var i = 0; i < columns.Length; i++)
        {
            var whole = model.Variables[i].Whole;
            if (whole != inInteger)
            {
                text.Append(" M").Append(marker++.ToString(CultureInfo.InvariantCulture)).Append(" 'MARKER' ").Append(whole ? "'INTORG'" : "'INTEND'").Append('\n');
                inInteger = whole;
            }
            if (columns[i].Count == 0) text.Append(' ').Append(names[i]).Append(" obj 0\n");
            foreach (var (row, value) in columns[i]) text.Append(' ').Append(names[i]).Append(' ').Append(row).Append(' ').Append(N(value)).Append('\n');
        }
        if (inInteger) text.Append(" M").Append(marker.ToString(CultureInfo.InvariantCulture)).Append(" 'MARKER' 'INTEND'\n");
        text.Append("RHS\n");
        for (var k = 0; k < model.Constraints.Count; k++)
        {
            var c = model.Constraints[k];
            var rhs = double.IsNegativeInfinity(c.Lower) ? c.Upper : c.Lower;
            if (rhs != 0) text.Append(" rhs ").Append(rows[k]).Append(' ').Append(N(rhs)).Append('\n');
        }
        text.Append("RANGES\n");
        for (var k = 0; k < model.Constraints.Count; k++)
        {
            var c = model.Constraints[k];
            if (c.Lower != c.Upper && !double.IsInfinity(c.Lower) && !double.IsInfinity(c.Upper))
                text.Append(" rng ").Append(rows[k]).Append(' ').Append(N(c.Upper - c.Lower)).Append('\n');
        }
        text.Append("BOUNDS\n");
        for (var i = 0; i < model.Variables.Count; i++)
        {
            var v = model.Variables[i];
            var n = names[i];
            if (double.IsNegativeInfinity(v.Lower) && double.IsPositiveInfinity(v.Upper)) { text.Append(" FR bnd ").Append(n).Append('\n'); continue; }
            if (double.IsNegativeInfinity(v.Lower)) text.Append(" MI bnd ").Append(n).Append('\n');
            else if (v.Lower != 0 || v.Whole) text.Append(" LO bnd ").Append(n).Append(' ').Append(N(v.Lower)).Append('\n');
            if (double.IsPositiveInfinity(v.Upper)) { if (v.Whole) text.Append(" PL bnd ").Append(n).Append('\n'); }
            else text.Append(" UP bnd ").Append(n).Append(' ').Append(N(v.Upper)).Append('\n');
        }
        text.Append("ENDATA\n");
    }
}
