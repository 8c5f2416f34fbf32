package dev.berth.lifecycle;

import dev.berth.oci.Digest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The images of one repository with their links resolved to positions in the list: the parents (indexes that list
 * the image) and the subject that are present; links to absent digests are dropped. Immutable after construction.
 */
final class ImageGraph {
    private final List<ImageFacts> images;
    private final List<List<Integer>> parents = new ArrayList<>();
    private final int[] subject;

    /** @throws IllegalArgumentException if a digest is listed twice */
    ImageGraph(List<ImageFacts> images) {
        this.images = images;
        Map<Digest, Integer> at = new HashMap<>(images.size() * 2);
        for (int i = 0; i < images.size(); i++) {
            if (at.putIfAbsent(images.get(i).digest(), i) != null) {
                throw new IllegalArgumentException("image " + images.get(i).digest() + " is listed twice");
            }
        }
        subject = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            ImageFacts image = images.get(i);
            parents.add(image.parents().stream().filter(at::containsKey).map(at::get)
                    .sorted(Comparator.comparing(p -> images.get(p).digest().toString())).toList());
            subject[i] = image.subject().map(d -> at.getOrDefault(d, -1)).orElse(-1);
        }
    }

    int size() {
        return images.size();
    }

    List<ImageFacts> images() {
        return images;
    }

    ImageFacts image(int i) {
        return images.get(i);
    }

    /** Positions of the present parents, in ascending order of digest. */
    List<Integer> parents(int i) {
        return parents.get(i);
    }

    /** Position of the present subject, or -1. */
    int subject(int i) {
        return subject[i];
    }

    /**
     * Every position, each after its parents and subject (Kahn's algorithm: no recursion, so any depth of nesting).
     *
     * @throws IllegalArgumentException if parents and subjects form a cycle
     */
    List<Integer> dependencyOrder() {
        int[] pending = new int[size()];
        List<List<Integer>> dependents = new ArrayList<>();
        images.forEach(image -> dependents.add(new ArrayList<>()));
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < size(); i++) {
            for (int p : parents(i)) {
                dependents.get(p).add(i);
                pending[i]++;
            }
            if (subject[i] >= 0) {
                dependents.get(subject[i]).add(i);
                pending[i]++;
            }
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        List<Integer> order = new ArrayList<>(size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(i);
            for (int d : dependents.get(i)) {
                if (--pending[d] == 0) {
                    ready.add(d);
                }
            }
        }
        if (order.size() < size()) {
            int stuck = 0;
            while (pending[stuck] == 0) {
                stuck++;
            }
            throw new IllegalArgumentException("image " + image(stuck).digest()
                    + " is its own ancestor through parents or subjects (a cycle)");
        }
        return order;
    }
}
