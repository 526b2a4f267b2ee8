package org.dendrite.bench;

import java.util.Optional;

/** The bench's comparison cells: a peer's timing and Dendrite's ratio to it, and the family each side ran. */
final class Columns {

    private Columns() {}

    /** E.g. {@code PyTorch (SkylakeX) 2.1 s (2.0–2.3), Dendrite / that 1.4}, or the peer skipped. */
    static String against(String peer, Timing ours, Timing theirs) {
        return theirs == null
                ? peer + " skipped"
                : String.format("%s %s, Dendrite / that %.2f", peer, theirs, ours.median() / theirs.median());
    }

    /** The OpenBLAS kernel family Dendrite runs in this bench. */
    static String dendriteFamily() {
        return KernelFamilies.forDendrite()
                .map(f -> KernelFamilies.VARIABLE + "=" + f)
                .orElse("OpenBLAS as installed");
    }

    /** The family of the headline PyTorch column. */
    static String pytorchFamily(Optional<KernelFamilies.Side> torch) {
        return KernelFamilies.forPyTorch()
                .map(f -> KernelFamilies.VARIABLE + "=" + f + ", OMP_WAIT_POLICY as Dendrite's")
                .orElse(torch.map(t -> "as installed, " + t.asInstalled().ran()).orElse("-"));
    }
}
