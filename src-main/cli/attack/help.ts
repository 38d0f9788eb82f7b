/** The help of `mnemo attack`, written to be pasted into the README as it is. */

const OVERVIEW = `mnemo attack <lira|rmia|threshold|nn|label-only> [options]   membership inference on imported arrays

Runs Mnemo's membership-inference attacks on arrays computed by another pipeline (PyTorch, JAX, the
LiRA reference code) and prints one JSON document on stdout, indented (--compact: one line). Numbers
that are not finite (a threshold of +inf, the std over a single target) print as null.

Arrays are NumPy files: FILE.npy, or FILE.npz:KEY for one array of an .npz archive (FILE.npz alone
when it holds a single array). Shapes use M models, N samples (records), A queries (augmentations)
per sample and K classes. Masks (membership) may be bool or integer 0/1; labels any integer type.

Exit status: 0 done; 1 the attack failed on valid inputs; 2 usage or input error (unknown flag,
missing file, wrong shape or values: the message names the flag, the file, the expected and the
found shape).`;

const OUTPUT = `Output options (every subcommand)
  --fpr LIST          FPRs at which the TPR is read (default 0.01,0.001,0.00001). A requested FPR
                      below 1/N_neg is flagged: there the value is the TPR at zero false positives.
  --rule strict|le    read the TPR at the last ROC vertex with FPR < t (strict, the LiRA reference;
                      default) or FPR <= t (ML Privacy Meter). Never interpolated.
  --roc FILE          also write the ROC curves as CSV: curve,fpr,tpr,threshold,tp,fp (one curve
                      per target plus "pooled", or per signal); threshold "inf" is the origin
  --roc-points N      vertices kept per curve, log-spaced at low FPR (default 512)
  --compact           print the JSON on one line`;

const LIRA = `mnemo attack lira (--study ID | --lira-dir DIR | --keep FILE (--scores FILE | --logits FILE --labels FILE)) [options]

  The likelihood-ratio attack (Carlini et al., S&P 2022). Each target model is attacked with every
  other model as a shadow; the JSON holds per-target metrics (AUC, balanced accuracy, DeMem's
  log-log AUC, TPR@FPR with Clopper-Pearson 95 % intervals, N_neg and the FPR floor 1/N_neg) with
  LiRA's diagnostics, their mean ± std over targets (summary), the pooled ROC of all targets
  (pooled) and flags.

  Inputs, either a study of this workbench:
  --study ID          a stored study (id, id prefix or name; --data-dir DIR or MNEMO_HOME): its
                      models' φ under every query over the study's population
  or the LiRA reference layout (tensorflow/privacy research/mi_lira_2021):
  --lira-dir DIR      DIR/experiment-*/keep.npy (train.py, bool of length N) with
                      scores/<epoch>.npy (score.py, N × A float64) or logits/<epoch>.npy
                      (inference.py, N × 1 × A × K). Models are ordered by experiment index.
  --epoch E           read epoch E in every experiment (default: each experiment's latest file)
  --from scores|logits  default logits when --labels or --phi is given, else scores
  --skip-incomplete   leave out experiments without keep.npy, signal files or epoch E (default:
                      stop with an error naming the experiment)
  --labels FILE       labels for logits (default DIR/y_train.npy, where train.py writes them; a
                      longer vector is cut to N, as score.py does)
  or arrays:
  --keep FILE         M × N membership: 1 where model m trained on sample i
  --scores FILE       M × N or M × N × A signals: φ, the logit-scaled confidence
                      log p_y − log(1 − p_y)
  --logits FILE       instead of --scores: M × N × K or M × N × A × K logits
  --labels FILE       with --logits: the N class labels
  --phi logit|lira-ref|demem  how φ is formed from logits: z_y − logsumexp_{k≠y} z_k, exact (logit,
                      default); score.py's log(p_y + 1e-45) − log(Σ_{k≠y} p_k + 1e-45), capped near 103
                      (lira-ref); DeMem's log p_y − log(Σ_{k≠y} p_k + 1e-20) (demem)

  Targets:
  --targets T         attack each of the first T models in turn (default 8, or M if fewer)
  --target I|last     attack model I only; "last" is the reference plot.py's protocol (the last
                      model is the target, all others are shadows)

  Attack:
  --preset paper|lira-ref|demem  paper (default): median, ddof 0, variance auto, a σ floor of
                      1e-6 × the global σ, one-sided offline test. lira-ref: plot.py (per-example σ,
                      every sample truncated to the smallest IN and OUT shadow counts, σ + 1e-30,
                      two-sided offline test). demem: DeMem (means, per-example σ, per-query
                      log-ratios summed).
  --mode online|offline       online (default) compares the IN and OUT Gaussians; offline only OUT
  --offline one-sided|two-sided-ref  offline test: the paper's one-sided p-value (default) or
                      plot.py's −log N(s; μ_out, σ_out), which also flags points far below the OUT mean
  --variance auto|per-example|global-centred|global-ref-quirk  σ per sample and query; one σ per
                      side from residuals about the per-sample median (tf-privacy library); or
                      plot.py's fixed variance (np.std of all IN signals, used for both sides
                      online). auto: global-centred below 16 IN or OUT shadows, else per-example.
  --equal-counts per-sample|global|none  IN and OUT shadows per sample: as many of each (default;
                      leave-one-out otherwise gives members one IN shadow fewer, which biases online
                      scores against them), the smallest counts over all samples (lira-ref), or all (demem)
  Reproduce plot.py's four curves with --preset lira-ref --target last, adding --mode offline
  and/or --variance global-ref-quirk.`;

const RMIA = `mnemo attack rmia (--study ID | --lira-dir DIR | --keep FILE (--scores FILE | --logits FILE --labels FILE)) [options]

  RMIA (Zarifzadeh et al., ICML 2024), with the inputs, targets and output of lira: every model
  other than the target is a reference model; score(x) = the fraction of population samples z
  with Pr(x|θ)/Pr(x) > γ · Pr(z|θ)/Pr(z), by majority vote over the A queries.

  The signal is Pr(x|θ), the probability of the true label:
  --scores FILE       M × N or M × N × A probabilities in [0, 1]
  --logits FILE --labels FILE  softmax(z / T)_y at --temperature T
  --lira-dir DIR      p_y = 1 / (1 + e^−φ) from the φ files (temperature 1 only)
  --temperature T     softmax temperature for --logits (default 1; the RMIA paper's configs use 2
                      for CIFAR-10 and Purchase-100, 1 for CIFAR-100)
  --mode offline|online  offline (default): Pr(x) = ½[(1 + a)·Pr_OUT(x) + (1 − a)] from the OUT
                      references (20 % trimmed mean); online: the trimmed mean over all references
  --a A               offline interpolation in [0, 1] (default 0.3, CIFAR-10; CIFAR-100 0.6,
                      Purchase-100 0.2)
  --gamma G           likelihood-ratio threshold γ > 0 (default 2)
  --population-size Z compare with Z randomly drawn samples instead of all other samples
  --seed S            seed of that draw (default 0)
  (--targets, --target, --epoch, --from, --skip-incomplete as for lira)`;

const THRESHOLD = `mnemo attack threshold --target-probs FILE --target-labels FILE --target-membership FILE
                      --shadow-probs FILE --shadow-labels FILE --shadow-membership FILE [options]

  Song & Mittal's threshold attacks (2021) with a target model and a shadow model evaluated on
  their own records (the two sets may differ in size):
  --target-probs FILE      N × K softmax outputs of the target model on its records
  --target-logits FILE     instead of --target-probs: N × K logits (signals then exact in float64)
  --target-labels FILE     the N class labels
  --target-membership FILE N values, 1 = the record is in the target's training set
  --shadow-probs, --shadow-logits, --shadow-labels, --shadow-membership  the same for the shadow
  --signal confidence|entropy|modified-entropy|loss|all  (default all)

  Per signal, oriented so that larger = member (p_y, −entropy, −modified entropy, −loss = log p_y;
  logs of probabilities clamped at 1e-30 as in Song & Mittal):
    perClass  thresholds τ_c chosen on the shadow's records of class c to maximise
              ½(TPR + TNR), applied to the target (member iff value ≥ τ_y): balancedAccuracy is
              Song & Mittal's attack accuracy; classes without shadow members and non-members use
              the threshold chosen on all classes (fallbackClasses)
    sweep     a global threshold swept over the target's values: AUC, TPR@FPR, FPR floor
  correctness: the attack "member iff correctly classified", ½(train acc + 1 − test acc), and the
  gap attack 50 + 50·(train acc − test acc) %.`;

const NN = `mnemo attack nn (the inputs of threshold) [--top-k K] [--per-class] [--epochs E] [--seed S] [options]

  Shokri et al.'s NN attack (2017): an MLP (64 ReLU units, Adam, learning rate 1e-3, batch 64)
  learns to tell the shadow's members from its non-members (balanced within each class, at most
  20 000 records) and scores the target's records; member iff P(member) ≥ ½.
  --top-k K           sorted probabilities per record (default 3)
  --per-class         one attack model per class on the sorted top-K vector (Shokri); default: one
                      model with the label one-hot appended (Nasr; Song & Mittal)
  --epochs E          training epochs (default 10)
  --seed S            seed of the record draw and the initialisation (default 0)
  Output: accuracy, balancedAccuracy, TPR, TNR, training records per model, and the sweep of
  P(member) (AUC, TPR@FPR).`;

const LABEL_ONLY = `mnemo attack label-only --target-features FILE --target-membership FILE
                      --shadow-features FILE --shadow-membership FILE [--kind augmentation|noise] [options]

  Choquette-Choo et al.'s label-only attacks (2021) on features computed elsewhere: one threshold,
  chosen on the shadow's records, applied to the target's (member iff value ≥ threshold).
  --kind augmentation  (default) features are N × Q 0/1: record classified correctly under each of Q
                      augmented queries (e.g. the 4d + 1 translations); the value is their sum
  --kind noise        features are N fractions in [0, 1]: the share of noisy copies still classified
                      correctly (0 when the clean record is misclassified)
  --target-features FILE, --target-membership FILE, --shadow-features FILE, --shadow-membership FILE
  --objective accuracy|balanced-accuracy  what the threshold maximises on the shadow (default
                      accuracy, as the reference)
  Output: threshold, its objective on the shadow (sourceObjective), accuracy, balancedAccuracy, TPR,
  TNR on the target, and the sweep of the values (AUC, TPR@FPR).`;

/** Help per subcommand. */
export const SUBCOMMAND_HELP: Record<string, string> = {
  lira: LIRA,
  rmia: RMIA,
  threshold: THRESHOLD,
  nn: NN,
  'label-only': LABEL_ONLY,
};

/** `mnemo attack --help`: everything. */
export const ATTACK_HELP = [OVERVIEW, LIRA, RMIA, THRESHOLD, NN, LABEL_ONLY, OUTPUT].join('\n\n');

/** `mnemo attack <sub> --help`: that subcommand and the shared output options. */
export function subcommandHelp(name: string): string {
  return `${SUBCOMMAND_HELP[name]}\n\n${OUTPUT}`;
}
