// Run by dendrite-shell when JShell starts: the imports a Keras script would have.
import static org.dendrite.Dendrite.*;
import org.dendrite.*;
import org.dendrite.datasets.*;
import org.dendrite.callbacks.*;
import org.dendrite.keras.Keras;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import java.nio.file.Path;
System.out.println("Dendrite on DL4J 1.0.0-M2.1, " + backend() + ". Type help() for the DSL at a glance, /stop (or Ctrl-C) to stop a fit, /exit to leave.");
