using FaceCompat.Data;

namespace FaceCompat.Mapping;

/// <summary>
/// The rows an MLP residual is trained on, after the protocol's preprocessing: the centred source rows
/// x, the linear map's rows x W, the unit centred target rows t and each row's identity code.
/// </summary>
internal sealed record MlpTrainingSet(Matrix<double> Inputs, Matrix<double> Linear, Matrix<double> Targets, int[] Identities)
{
    public int SourceDimension => Inputs.Columns;

    public int TargetDimension => Targets.Columns;
}

/// <summary>What early stopping did: epochs run, the epoch kept (0 = the linear map), validation losses of the linear start and of the kept epoch.</summary>
public sealed record MlpTrainingReport(int EpochsRun, int BestEpoch, double LinearValidationLoss, double BestValidationLoss, int TrainingRows, int ValidationRows);
