/**
 * Not Dendrite's namespace: a bridge under a DL4J class name. DL4J 1.0.0-M2.1 still looks up its
 * oneDNN switch as {@code org.nd4j.nativeblas.Nd4jCpu}, a class ND4J has since moved;
 * {@link org.nd4j.nativeblas.Nd4jCpu} answers under that name with ND4J's own switch, so that
 * DL4J's oneDNN layer helpers can run. Nothing else belongs here.
 */
package org.nd4j.nativeblas;
