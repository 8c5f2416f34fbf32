package dev.berth.registry.scan;

import dev.berth.scan.Inventory;
import java.util.List;

/** The port to the scanner: what is installed in one image (one platform), read from its layers as streams. */
@FunctionalInterface
public interface InventoryScanner {

    /**
     * @param layers the image's layers, base first
     * @throws UnscannableImageException when a layer is of a kind the scanner does not read, or is not what its
     *                                   media type says
     */
    Inventory scan(List<ImageLayer> layers) throws UnscannableImageException;
}
