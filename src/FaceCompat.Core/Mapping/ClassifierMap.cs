using FaceCompat.Data;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Mapping;

/// <summary>
/// Closed-set interchangeability (McNeely-White et al.): model A's features reach model B's
/// classifier through a linear map. The analytic map needs no paired data: M = pinv(C_B) C_A
/// (d_B x d_A), so that C_B M x = C_B pinv(C_B) C_A x, which equals A's own logits whenever C_B
/// has full row rank. Features are used raw (a linear classifier reads them as they are).
/// </summary>
public static class ClassifierMap
{
    /// <summary>pinv(C_B) C_A for classifier weights C_A (k x d_A) and C_B (k x d_B), by a thin SVD with NumPy's cutoff.</summary>
    public static Matrix<double> Analytic(Matrix<double> weightsA, Matrix<double> weightsB, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(weightsA);
        ArgumentNullException.ThrowIfNull(weightsB);
        ArgumentNullException.ThrowIfNull(kernels);
        if (weightsA.Rows != weightsB.Rows)
        {
            throw new DataFormatException($"the classifiers have {weightsA.Rows} and {weightsB.Rows} classes; both must score the same classes in the same order.");
        }

        Matrix<double> pinvB = PseudoInverse(weightsB, kernels);
        var map = new Matrix<double>(weightsB.Columns, weightsA.Columns);
        kernels.Gemm(false, false, weightsB.Columns, weightsA.Columns, weightsB.Rows, 1.0, pinvB.Values, weightsB.Rows, weightsA.Values, weightsA.Columns, 0.0, map.MutableValues(), weightsA.Columns);
        return map;
    }

    /// <summary>Moore-Penrose pseudo-inverse (n x m) of an m x n matrix; singular values below max(m, n) eps s_max count as zero.</summary>
    public static Matrix<double> PseudoInverse(Matrix<double> a, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(kernels);
        int m = a.Rows, n = a.Columns, r = Math.Min(m, n);
        double[] u = new double[m * r], s = new double[r], vt = new double[r * n];
        kernels.Svd(m, n, a.Values, u, s, vt);
        double cutoff = r == 0 ? 0 : Math.Max(m, n) * 2.220446049250313e-16 * s[0];

        // pinv = V diag(1/s) U^T: scale the rows of Vt, then (Vt_scaled)^T U^T.
        for (int i = 0; i < r; i++)
        {
            double inverse = s[i] > cutoff ? 1.0 / s[i] : 0.0;
            for (int j = 0; j < n; j++)
            {
                vt[(i * n) + j] *= inverse;
            }
        }

        var pinv = new Matrix<double>(n, m);
        kernels.Gemm(true, true, n, m, r, 1.0, vt, n, u, r, 0.0, pinv.MutableValues(), m);
        return pinv;
    }

    /// <summary>Ridge map from paired raw features, W = (X_A^T X_A + lambda I)^-1 X_A^T X_B, returned as d_B x d_A (like <see cref="Analytic"/>).</summary>
    public static Matrix<double> Ridge(Matrix<double> featuresA, Matrix<double> featuresB, double lambda, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(featuresA);
        ArgumentNullException.ThrowIfNull(featuresB);
        FittedMap fitted = FittingProblem.FromCentred(featuresA, featuresB, new double[featuresA.Columns], new double[featuresB.Columns], kernels).Ridge(lambda);
        return Transpose(fitted.Weights);
    }

    /// <summary>Top-1 accuracy (%) of argmax over classes of C (M x) for each row x (M null: the identity).</summary>
    public static double Top1(Matrix<double> features, Matrix<double>? map, Matrix<double> weights, ReadOnlySpan<int> labels, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(kernels);
        Matrix<double> inputs = features;
        if (map is not null)
        {
            inputs = new Matrix<double>(features.Rows, map.Rows);
            kernels.Gemm(false, true, features.Rows, map.Rows, features.Columns, 1.0, features.Values, features.Columns, map.Values, map.Columns, 0.0, inputs.MutableValues(), map.Rows);
        }

        if (inputs.Columns != weights.Columns)
        {
            throw new DataFormatException($"features with {inputs.Columns} dimensions cannot be scored by a classifier of {weights.Columns}.");
        }

        var logits = new Matrix<double>(inputs.Rows, weights.Rows);
        kernels.Gemm(false, true, inputs.Rows, weights.Rows, inputs.Columns, 1.0, inputs.Values, inputs.Columns, weights.Values, weights.Columns, 0.0, logits.MutableValues(), weights.Rows);
        int correct = 0;
        for (int i = 0; i < logits.Rows; i++)
        {
            ReadOnlySpan<double> row = logits.Row(i);
            int best = 0;
            for (int c = 1; c < row.Length; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            correct += best == labels[i] ? 1 : 0;
        }

        return logits.Rows == 0 ? double.NaN : 100.0 * correct / logits.Rows;
    }

    private static Matrix<double> Transpose(Matrix<double> m)
    {
        var t = new Matrix<double>(m.Columns, m.Rows);
        for (int i = 0; i < m.Rows; i++)
        {
            for (int j = 0; j < m.Columns; j++)
            {
                t[j, i] = m[i, j];
            }
        }

        return t;
    }
}
