package dev.mlops;

/** A JSON document that does not match its contract: names the document, the JSON path and the problem. */
public class InvalidDocumentException extends InvalidInputException {

    private final String document;
    private final String path;

    public InvalidDocumentException(String document, String path, String problem) {
        super(document + ": " + path + ": " + problem);
        this.document = document;
        this.path = path;
    }

    public String document() {
        return document;
    }

    public String path() {
        return path;
    }
}
